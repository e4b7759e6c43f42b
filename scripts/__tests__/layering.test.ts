import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run lint` checks the layering (.dependency-cruiser*.mjs). Imports that break it are planted
 * in folders of their own, the very commands of `npm run lint:layers` run, and each must fail and
 * name the rule broken.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const id = `${process.pid}-${Date.now()}`;
const plantedDirs = [`lib/core/__planted__${id}`, `lib/server/__planted__a${id}`, `lib/server/__planted__b${id}`];
afterAll(() => {
  for (const dir of plantedDirs) rmSync(path.join(repoRoot, dir), { recursive: true, force: true });
});

function plant(file: string, text: string) {
  mkdirSync(path.join(repoRoot, path.dirname(file)), { recursive: true });
  writeFileSync(path.join(repoRoot, file), text);
}

/** The commands `npm run lint:layers` runs one after the other (here side by side, to save time). */
function layerCommands(): string[][] {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts['lint:layers'].split('&&').map((command) => command.trim().split(/\s+/));
}

function run([cmd, ...args]: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(repoRoot, 'node_modules/.bin', cmd), args, { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('the layering check', () => {
  it('fails on a core module importing the Prisma client, and on two folders importing each other', async () => {
    const [core, a, b] = plantedDirs;
    plant(`${core}/uses-db.ts`, "import { db } from '@/lib/server/db';\n\nexport const planted = db;\n");
    plant(`${a}/one.ts`, `import { two } from '@/${b}/two';\n\nexport const one = () => two;\n`);
    plant(`${b}/two.ts`, `import { one } from '@/${a}/one';\n\nexport const two = () => one;\n`);

    const commands = layerCommands();
    expect(commands).toHaveLength(2);
    const [modules, folders] = await Promise.all(commands.map(run));

    expect(modules.code, modules.out).not.toBe(0);
    expect(modules.out).toContain(`core-is-pure: ${core}/uses-db.ts → lib/server/db.ts`);
    expect(modules.out).toMatch(new RegExp(`no-module-cycles: ${a}/one\\.ts`));
    expect(folders.code, folders.out).not.toBe(0);
    expect(folders.out).toContain(`no-folder-cycles: ${a} →`);
    expect(folders.out).toContain(`no-folder-cycles: ${b} →`);
  });
});
