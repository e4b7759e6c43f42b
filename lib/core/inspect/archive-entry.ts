import { InspectError } from './errors';

export type EntryType = 'file' | 'directory' | 'symlink' | 'link' | 'device' | 'fifo' | 'other';

/** One member of a tar or zip as the archive walker sees it. `body` must be read to the end before the next entry. */
export interface ArchiveEntry {
  name: string;
  type: EntryType;
  /** The archive's own word for the type, for messages. */
  rawType: string;
  linkTarget?: string;
  /** Unknown for zip entries whose size only follows the data. */
  size?: number;
  body: AsyncIterable<Uint8Array>;
}

/**
 * Refuses names that could write outside an extraction folder or that alias another member.
 * Returns the canonical name ("./disk.vmdk" → "disk.vmdk") used for manifest and References lookups.
 */
export function checkMemberName(raw: string): string {
  if (!raw || raw.includes('\0')) throw new InspectError('TAR_INVALID', 'a member has an empty or NUL-containing name.');
  const name = raw.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    throw new InspectError('ABSOLUTE_PATH', `the member "${raw}" has an absolute path; archive members must be relative.`);
  }
  const parts = name.split('/');
  if (parts.includes('..')) {
    throw new InspectError('PATH_TRAVERSAL', `the member "${raw}" climbs out of the archive with "..".`);
  }
  return parts.filter((p) => p !== '' && p !== '.').join('/');
}

/** Links and special files have no place in an appliance and are a classic extraction attack. */
export function checkMemberType(entry: Pick<ArchiveEntry, 'type' | 'rawType' | 'name' | 'linkTarget'>): void {
  if (entry.type === 'symlink' || entry.type === 'link') {
    const kind = entry.type === 'symlink' ? 'a symbolic link' : 'a hard link';
    throw new InspectError('LINK_MEMBER', `the member "${entry.name}" is ${kind}${entry.linkTarget ? ` to "${entry.linkTarget}"` : ''}; links are refused.`);
  }
  if (entry.type === 'device' || entry.type === 'fifo' || entry.type === 'other') {
    throw new InspectError('SPECIAL_MEMBER', `the member "${entry.name}" is a ${entry.rawType} entry; only regular files are accepted.`);
  }
}
