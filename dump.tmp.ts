import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseOvf } from '@/lib/inspect';
const folder = '/work/shared/fixtures/ovf-real';
const labels = JSON.parse(readFileSync(path.join(folder, 'labels.json'), 'utf8'));
const out: Record<string, unknown> = {};
for (const file of Object.keys(labels)) {
  try { out[file] = parseOvf(readFileSync(path.join(folder, file))); } catch (e) { out[file] = { error: String((e as Error).message) }; }
}
writeFileSync(process.argv[2], JSON.stringify(out, null, 1));
