// Run by ovf-peak-rss.test.ts in a process of its own: parses one descriptor file and prints the
// process's peak RSS growth over its state with the file's bytes already in memory, as JSON.
import { readFileSync } from 'node:fs';
import { parseOvf } from '@/lib/core/inspect/ovf-parser';

const bytes = readFileSync(process.argv[2]);
const before = process.memoryUsage().rss;
let outcome: string;
try {
  const desc = parseOvf(bytes);
  outcome = `parsed, ${desc.virtualSystems.length} virtual system(s)`;
} catch (err) {
  outcome = `refused: ${err instanceof Error ? err.message : String(err)}`;
}
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ bytes: bytes.byteLength, before, peak, outcome }));
