// `npm run bench -- <name>`: runs bench/<name>.ts, which prints its figures and, as its last
// line, `<metric>=<number>`. Benchmarks are never part of `npm test`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
const name = process.argv[2];
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));

if (!name || !existsSync(path.join(dir, `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(64);
}

const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(dir, `${name}.ts`), ...process.argv.slice(3)], {
  stdio: 'inherit',
  env: process.env,
});
child.on('exit', (code) => process.exit(code ?? 1));
