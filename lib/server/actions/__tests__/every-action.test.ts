// Every server action, found on disk (lib/server/<domain>/actions/*.ts), so one added tomorrow is
// held to the same rules: one action per file, built by defineAction, refusing a signed-out caller
// unless it is one of the few public ones. And no component reaches into app/ for an action.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isAppError } from '@/lib/core/errors';

vi.mock('next/headers', () => ({ headers: async () => new Headers(), cookies: async () => ({ getAll: () => [], delete: () => {} }) }));
vi.mock('@/lib/server/auth/auth', () => ({ getAuth: () => ({ api: { getSession: async () => null } }) }));

const root = path.resolve(import.meta.dirname, '../../../..');
const PUBLIC = new Set(['lib/server/users/actions/sign-in.ts', 'lib/server/users/actions/sign-up.ts', 'lib/server/users/actions/sign-out.ts']);

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === '__tests__' ? [] : filesUnder(full, keep);
    return keep(full) ? [full] : [];
  });
}

const actionFiles = fs
  .readdirSync(path.join(root, 'lib/server'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => filesUnder(path.join(root, 'lib/server', d.name, 'actions'), (f) => f.endsWith('.ts')))
  .map((f) => path.relative(root, f))
  .sort();

describe('server actions', () => {
  it('are found', () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(50);
  });

  it.each(actionFiles)('%s: one action, built by defineAction', (file) => {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    expect(source.startsWith("'use server';")).toBe(true);
    expect(source.match(/^export const \w+Action = defineAction\(/gm)).toHaveLength(1);
    expect(source).not.toMatch(/requireActor|requireRole|getActor/);
  });

  it.each(actionFiles.filter((f) => !PUBLIC.has(f)))('%s: refuses a signed-out caller', async (file) => {
    const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    const actions = Object.values(mod).filter((v): v is (...a: unknown[]) => Promise<unknown> => typeof v === 'function');
    expect(actions).toHaveLength(1);
    // Nothing is validated before the caller is checked, so no arguments are needed to be refused.
    const outcome = await actions[0]().then(
      (answer) => answer,
      (e: unknown) => e,
    );
    if (isAppError(outcome)) expect(outcome.code).toBe('UNAUTHENTICATED');
    else expect(outcome).toMatchObject({ ok: false, message: 'Please sign in first.' });
  });
});

describe('components', () => {
  it.each(filesUnder(path.join(root, 'components'), (f) => /\.tsx?$/.test(f)).map((f) => path.relative(root, f)))('%s imports nothing from app/', (file) => {
    expect(fs.readFileSync(path.join(root, file), 'utf8')).not.toMatch(/from '@\/app\//);
  });
});
