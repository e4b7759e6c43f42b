import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecrets } from '../services.ts';

describe('loadSecrets', () => {
  it('gives callers that start at once on an empty DATA_DIR one and the same complete secrets, never half a file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'apx-secrets-'));
    try {
      const got = await Promise.all(Array.from({ length: 6 }, () => loadSecrets(dir)));
      for (const s of got) expect(Object.keys(s).sort()).toEqual(['authSecret', 'pgPassword', 's3AccessKeyId', 's3SecretAccessKey']);
      expect(new Set(got.map((s) => JSON.stringify(s))).size).toBe(1);
      expect(JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8'))).toEqual(got[0]);
      expect(readdirSync(dir)).toEqual(['secrets.json']);
      // Later starts read what is there.
      expect(await loadSecrets(dir)).toEqual(got[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
