import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { CliError } from './exit-codes';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export interface OvaMember {
  name: string;
  type: string;
  size: number;
}

/**
 * Why a tar member name must not be extracted, or null. Stricter than tar itself: no absolute
 * paths, no `..`, no backslashes, no empty or `.` segments, no control characters.
 */
export function memberNameProblem(name: string): string | null {
  if (!name) return 'an empty member name';
  if (name.length > 255) return 'a member name longer than 255 characters';
  if (CONTROL.test(name)) return 'a member name with control characters';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return `an absolute member path (${JSON.stringify(name)})`;
  if (name.includes('\\')) return `a member name with a backslash (${JSON.stringify(name)})`;
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((part) => part === '..')) return `a member path that climbs out of the directory (${JSON.stringify(name)})`;
  if (parts.some((part) => part === '' || part === '.')) return `a member name that is not a plain relative path (${JSON.stringify(name)})`;
  return null;
}

function refuse(ova: string, why: string): CliError {
  return new CliError('ERROR', `Refusing to unpack ${path.basename(ova)}: it contains ${why}.`, {
    hint: 'A verified OVA never does: the file in the cache may have been replaced. Delete it and pull again.',
  });
}

function checkEntry(ova: string, header: tar.Header, seen: Set<string>): void {
  const problem = memberNameProblem(header.name);
  if (problem) throw refuse(ova, problem);
  const type = header.type ?? 'file';
  if (type === 'symlink' || type === 'link') throw refuse(ova, `a link (${JSON.stringify(header.name)} → ${JSON.stringify(header.linkname ?? '')})`);
  if (type !== 'file' && type !== 'contiguous-file' && type !== 'directory') throw refuse(ova, `a special member (${type}: ${JSON.stringify(header.name)})`);
  const key = header.name.replace(/\/$/, '');
  if (seen.has(key)) throw refuse(ova, `the member ${JSON.stringify(key)} twice`);
  seen.add(key);
}

/** Lists an OVA's members, refusing hostile archives (same checks as extraction). */
export async function listOvaMembers(ova: string): Promise<OvaMember[]> {
  const members: OvaMember[] = [];
  const seen = new Set<string>();
  const extract = tar.extract();
  const reading = pipeline(createReadStream(ova), extract);
  try {
    for await (const entry of extract) {
      checkEntry(ova, entry.header, seen);
      members.push({ name: entry.header.name, type: entry.header.type ?? 'file', size: entry.header.size ?? 0 });
      entry.resume();
    }
    await reading;
  } catch (e) {
    extract.destroy();
    await reading.catch(() => {});
    throw asTarError(ova, e);
  }
  return members;
}

function asTarError(ova: string, e: unknown): unknown {
  if (e instanceof CliError) return e;
  return new CliError('ERROR', `${path.basename(ova)} is not a readable OVA (tar): ${(e as Error).message}`);
}

/**
 * Extracts the named members of an OVA into `destDir`, with tar-stream instead of a system tar:
 * the whole archive is checked first (every name a plain relative path, no links or devices, no
 * duplicates), only regular files named in `names` are written, each through a temporary name so
 * an interrupted extraction never leaves a half disk that looks complete.
 */
export async function extractOvaMembers(ova: string, destDir: string, names: string[]): Promise<string[]> {
  for (const name of names) {
    const problem = memberNameProblem(name);
    if (problem) throw refuse(ova, problem);
  }
  const members = await listOvaMembers(ova);
  for (const name of names) {
    const member = members.find((m) => m.name === name);
    if (!member) throw new CliError('ERROR', `${path.basename(ova)} has no member ${JSON.stringify(name)}.`);
    if (member.type !== 'file' && member.type !== 'contiguous-file') throw refuse(ova, `${JSON.stringify(name)} as a ${member.type}, not a file`);
  }

  const wanted = new Set(names);
  const written: string[] = [];
  const root = path.resolve(destDir);
  const extract = tar.extract();
  const reading = pipeline(createReadStream(ova), extract);
  try {
    for await (const entry of extract) {
      const name = entry.header.name;
      if (!wanted.has(name)) {
        entry.resume();
        continue;
      }
      wanted.delete(name);
      const target = path.resolve(root, name);
      if (!target.startsWith(`${root}${path.sep}`)) throw refuse(ova, `a member path outside the directory (${JSON.stringify(name)})`);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.apx-extract`;
      try {
        await pipeline(entry, createWriteStream(temporary, { mode: 0o644 }));
        await rename(temporary, target);
      } catch (e) {
        await rm(temporary, { force: true });
        throw e;
      }
      written.push(target);
    }
    await reading;
  } catch (e) {
    extract.destroy();
    await reading.catch(() => {});
    throw asTarError(ova, e);
  }
  return written;
}
