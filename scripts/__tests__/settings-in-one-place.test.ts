import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Configuration in one place: `npm run lint` refuses a setting read from process.env anywhere in
 * the product (the app, lib, the scripts, the proxy, the tools' config files); only
 * lib/config/env.ts reads it. Code is linted as if it lived at each path.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: repoRoot });

async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('settings are read only through lib/config/env.ts', () => {
  const read = 'export const port = Number(process.env.PORT ?? 3000);\n';

  it.each(['scripts/serve.ts', 'scripts/lib/planted.ts', 'lib/server/planted.ts', 'app/planted/page.tsx', 'proxy.ts', 'next.config.ts', 'prisma.config.ts'])(
    'refuses process.env.PORT in %s',
    async (file) => {
      expect(await refusals(file, read)).toEqual([expect.stringMatching(/lib\/config\/env\.ts/)]);
    },
    30_000,
  );

  it('allows the config module, tests, NODE_ENV, setting a variable for a child and handing the environment on', async () => {
    expect(await refusals('lib/config/planted.ts', read)).toEqual([]);
    expect(await refusals('scripts/__tests__/planted.test.ts', read)).toEqual([]);
    const allowed = [
      "export const dev = process.env.NODE_ENV === 'development';",
      "export function mark() { process.env.APX_ROLE = 'worker'; }",
      'export const childEnv = { ...process.env, LC_MESSAGES: "C" };',
    ].join('\n');
    expect(await refusals('scripts/worker.ts', `${allowed}\n`)).toEqual([]);
    // `??=` reads before it writes: that is a read.
    expect(await refusals('scripts/worker.ts', "export function mark() { process.env.APX_ROLE ??= 'worker'; }\n")).toHaveLength(1);
  }, 30_000);
});
