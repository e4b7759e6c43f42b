// Decides whether the production build in .next is current: a hash over everything that goes into it.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from '../../lib/config/env.ts';

const INPUT_DIRS = ['app', 'components', 'lib', 'public'];
const INPUT_FILES = ['next.config.ts', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json', 'instrumentation.ts', 'proxy.ts'];
const SKIP = /(^|\/)(__tests__|node_modules)(\/|$)|\.test\.tsx?$/;

async function walk(dir: string, root: string, out: string[]) {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    const rel = path.relative(root, full);
    if (SKIP.test(rel)) continue;
    if (e.isDirectory()) await walk(full, root, out);
    else if (e.isFile()) out.push(rel);
  }
}

export async function buildFingerprint(root: string): Promise<string> {
  const files: string[] = [];
  for (const d of INPUT_DIRS) await walk(path.join(root, d), root, files);
  for (const f of INPUT_FILES) if (existsSync(path.join(root, f))) files.push(f);
  files.sort();
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(f).update('\0').update(await fs.readFile(path.join(root, f))).update('\0');
  }
  return hash.digest('hex');
}

/** The build folder's name: NEXT_DIST_DIR, `.next` by default. */
export const distDirName = () => parseEnv().NEXT_DIST_DIR;
const distDir = distDirName;
const stampFile = (root: string) => path.join(root, distDir(), 'apx-build-fingerprint');

export async function buildIsCurrent(root: string): Promise<boolean> {
  if (!existsSync(path.join(root, distDir(), 'BUILD_ID'))) return false;
  const stamp = await fs.readFile(stampFile(root), 'utf8').catch(() => '');
  return stamp === (await buildFingerprint(root));
}

export async function stampBuild(root: string, fingerprint: string) {
  await fs.writeFile(stampFile(root), fingerprint);
}
