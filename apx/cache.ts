import { mkdir, readFile, rm, stat, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * `.apx.json` in a version's cache directory: which downloads were verified (so a launch does not
 * re-hash gigabytes, and a machine's writes to its disk do not count as corruption) and which
 * preparation steps finished (so a second launch keeps the converted disk and its state).
 */
const stateSchema = z.looseObject({
  files: z
    .record(
      z.string(),
      z.looseObject({ fileId: z.string(), sha256: z.string(), sizeBytes: z.number(), mtimeMs: z.number(), verifiedAt: z.string() }),
    )
    .default({}),
  steps: z.record(z.string(), z.looseObject({ doneAt: z.string() })).default({}),
});
export type CacheState = z.infer<typeof stateSchema>;

export const STATE_FILE = '.apx.json';

export async function readCacheState(dir: string): Promise<CacheState> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(path.join(dir, STATE_FILE), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Missing or unreadable: start clean, the downloads are re-verified.
  }
  return { files: {}, steps: {} };
}

export async function writeCacheState(dir: string, state: CacheState): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, STATE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, file);
}

export async function statOrNull(file: string) {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

/** The file as verified earlier, untouched since (same id, hash, size and modification time). */
export async function isVerifiedUnchanged(dir: string, fileName: string, fileId: string, sha256: string): Promise<boolean> {
  const state = await readCacheState(dir);
  const entry = state.files[fileName];
  const info = await statOrNull(path.join(dir, fileName));
  return !!entry && !!info && entry.fileId === fileId && entry.sha256 === sha256 && entry.sizeBytes === info.size && entry.mtimeMs === info.mtimeMs;
}

export async function recordVerified(dir: string, fileName: string, fileId: string, sha256: string, now: number): Promise<void> {
  const info = await stat(path.join(dir, fileName));
  const state = await readCacheState(dir);
  state.files[fileName] = { fileId, sha256, sizeBytes: info.size, mtimeMs: info.mtimeMs, verifiedAt: new Date(now).toISOString() };
  await writeCacheState(dir, state);
}

export async function forgetFile(dir: string, fileName: string): Promise<void> {
  await rm(path.join(dir, fileName), { force: true });
  const state = await readCacheState(dir);
  if (state.files[fileName]) {
    delete state.files[fileName];
    await writeCacheState(dir, state);
  }
}
