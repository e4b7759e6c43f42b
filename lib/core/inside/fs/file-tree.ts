import { InsideError } from '@/lib/core/inside/errors';

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

/** What a filesystem driver offers, on paths it takes literally (no symlink following in the last part). */
export interface RawTree {
  /** null when the path does not exist. */
  lstat(path: string): Promise<{ kind: EntryKind; size: number } | null>;
  readlink(path: string): Promise<string>;
  readdir(path: string): Promise<string[]>;
  /** Bytes [offset, offset + length) of a regular file. */
  read(path: string, offset: number, length: number): Promise<Uint8Array>;
}

const MAX_HOPS = 40;
const MAX_LINK = 4096;
const MAX_DIR_ENTRIES = 10_000;
const READ_CHUNK = 1024 * 1024;

/**
 * Path lookups inside an image as the image's own system would see them (the image's root is the
 * root: absolute symlinks and `..` never leave it), with a symlink hop limit and a byte cap on
 * every read.
 */
export class FileTree {
  constructor(private readonly raw: RawTree) {}

  /** The path with every symlink resolved, or null when some part does not exist. */
  async resolve(path: string): Promise<string | null> {
    let hops = 0;
    const todo = split(path);
    const done: string[] = [];
    while (todo.length) {
      const part = todo.shift()!;
      if (part === '.') continue;
      if (part === '..') {
        done.pop();
        continue;
      }
      const candidate = '/' + [...done, part].join('/');
      const st = await this.raw.lstat(candidate);
      if (!st) return null;
      if (st.kind === 'symlink') {
        if (++hops > MAX_HOPS) throw new InsideError('symlink-loop', `${path} is a symlink loop (more than ${MAX_HOPS} links)`);
        const target = await this.raw.readlink(candidate);
        if (target.length > MAX_LINK) throw new InsideError('symlink-loop', `${path}: a symlink target is too long`);
        if (target.startsWith('/')) done.length = 0;
        todo.unshift(...split(target));
        continue;
      }
      if (todo.length && st.kind !== 'dir') return null;
      done.push(part);
    }
    return '/' + done.join('/');
  }

  /** What the path is after following symlinks, or null. */
  async kind(path: string): Promise<{ kind: EntryKind; size: number } | null> {
    const real = await this.resolve(path);
    return real ? this.raw.lstat(real) : null;
  }

  /**
   * A regular file's bytes, or null when it does not exist. A directory or device is a
   * `not-a-file` error, more than `maxBytes` a `file-too-large` error; neither reads anything.
   */
  async readFile(path: string, maxBytes: number): Promise<Uint8Array | null> {
    const real = await this.resolve(path);
    if (!real) return null;
    const st = await this.raw.lstat(real);
    if (!st) return null;
    if (st.kind !== 'file') throw new InsideError('not-a-file', `${path} is not a regular file`);
    if (st.size > maxBytes) throw new InsideError('file-too-large', `${path} is ${st.size} bytes, more than the ${maxBytes} read for it`);
    const out = new Uint8Array(st.size);
    let at = 0;
    while (at < st.size) {
      const chunk = await this.raw.read(real, at, Math.min(READ_CHUNK, st.size - at));
      if (chunk.length === 0) break;
      out.set(chunk, at);
      at += chunk.length;
    }
    return at === out.length ? out : out.subarray(0, at);
  }

  async readText(path: string, maxBytes: number): Promise<string | null> {
    const bytes = await this.readFile(path, maxBytes);
    return bytes ? new TextDecoder().decode(bytes) : null;
  }

  /** Names in a directory (after following symlinks), or [] when it is missing or not a directory. */
  async list(path: string): Promise<string[]> {
    const real = await this.resolve(path);
    if (!real) return [];
    const st = await this.raw.lstat(real);
    if (st?.kind !== 'dir') return [];
    const names = (await this.raw.readdir(real)).filter((n) => n !== '.' && n !== '..');
    return names.slice(0, MAX_DIR_ENTRIES);
  }
}

function split(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}
