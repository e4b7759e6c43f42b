import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../lib/config/env.ts';
import { actionsKeyFromSecret, buildApp } from '../production-build.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('buildApp', () => {
  it('stops at a type error before Next.js builds anything', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'apx-build-types-'));
    try {
      symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'));
      writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler' }, include: ['*.ts'] }));
      writeFileSync(path.join(root, 'broken.ts'), "export const port: number = 'three thousand';\n");
      const lines: string[] = [];
      await expect(buildApp({ root, env: { NODE_ENV: 'production' }, log: (m) => lines.push(m) })).rejects.toThrow(/type check failed/);
      expect(lines.join('\n')).not.toContain('Building the app');
      expect(existsSync(path.join(root, '.next'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);

  it("leaves Next.js's own type check on, for a build made without buildApp", async () => {
    const { default: config } = await import('../../../next.config.ts');
    expect(config.typescript?.ignoreBuildErrors ?? false).toBe(false);
  });
});

describe('actionsKeyFromSecret', () => {
  it('gives every holder of one AUTH_SECRET the same 256-bit key, in the form Next.js accepts', () => {
    const a = actionsKeyFromSecret('a'.repeat(32));
    expect(a).toBe(actionsKeyFromSecret('a'.repeat(32)));
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect(() => parseEnv({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: a })).not.toThrow();
  });

  it('differs for another secret, and does not reveal the secret', () => {
    const a = actionsKeyFromSecret('a'.repeat(32));
    expect(actionsKeyFromSecret('b'.repeat(32))).not.toBe(a);
    expect(Buffer.from(a, 'base64').toString('latin1')).not.toContain('aaaa');
  });
});

describe('scale-out settings', () => {
  it('refuse a key Next.js could not use, with the variable named', () => {
    expect(() => parseEnv({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: 'not-a-key' })).toThrow(/NEXT_SERVER_ACTIONS_ENCRYPTION_KEY/);
    expect(() => parseEnv({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(20).toString('base64') })).toThrow(/16, 24 or 32 bytes/);
  });

  it('refuse a short metrics token and a bad port', () => {
    expect(() => parseEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => parseEnv({ METRICS_PORT: 'abc' })).toThrow(/METRICS_PORT="abc" must be a number/);
    expect(() => parseEnv({ SHUTDOWN_DELAY_MS: '-5' })).toThrow(/SHUTDOWN_DELAY_MS/);
  });

  it('default to draining without delay and at most 25 s for requests in flight', () => {
    const env = parseEnv({});
    expect(env.SHUTDOWN_DELAY_MS).toBe(0);
    expect(env.SHUTDOWN_TIMEOUT_MS).toBe(25_000);
  });
});
