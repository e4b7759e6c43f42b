// Inspection throughput against sha256sum on the same 2 GiB OVA.
// Run: node --import tsx bench/inspect.ts [sizeGiB]   (last line: inspect_ratio=<inspect ÷ sha256sum>, goal ≤ 1.2)
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { syntheticOva } from '../lib/core/inspect/__tests__/synthetic-ova';
import { inspectStream } from '../lib/core/inspect/index';

const MiB = 2 ** 20;
const sizeGiB = Number(process.argv[2] ?? 2);
const diskSize = Math.round(sizeGiB * 1024) * MiB;
const file = path.join(tmpdir(), `inspect-bench-${process.pid}.ova`);

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

async function main(): Promise<void> {
  try {
    console.log(`writing a ${sizeGiB} GiB OVA (descriptor, manifest, disk) to ${file} …`);
    await pipeline(Readable.from(syntheticOva(diskSize, true)), createWriteStream(file));
    const bytes = statSync(file).size;

    const shaSum = await timed(() => promisify(execFile)('sha256sum', [file]));
    const expected = shaSum.result.stdout.split(' ')[0];

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 25);
    const run = (parallelHashMinBytes?: number) =>
      timed(() =>
        inspectStream(createReadStream(file), {
          fileName: path.basename(file),
          expectedFormat: 'OVA',
          expectedSha256: expected,
          declaredSize: bytes,
          limits: parallelHashMinBytes ? { parallelHashMinBytes } : undefined,
        }),
      );
    // As the job runs it by default: everything on one thread.
    const inspect = await run();
    // For comparison: the whole-stream SHA-256 on a worker thread (opt-in through limits).
    const worker = await run(1);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const report = inspect.result;
    if (report.verdict !== 'VERIFIED') throw new Error(`inspection refused the bench file: ${report.code} ${report.reason}`);
    const mb = bytes / 1e6;
    console.log(`file size:            ${bytes} bytes`);
    console.log(`sha256sum:            ${shaSum.seconds.toFixed(2)} s (${(mb / shaSum.seconds).toFixed(0)} MB/s)`);
    console.log(`inspectStream:        ${inspect.seconds.toFixed(2)} s (${(mb / inspect.seconds).toFixed(0)} MB/s), verdict ${report.verdict}, manifest ${report.metadata.manifest?.algorithms.join('+')}`);
    console.log(`with hashing worker:  ${worker.seconds.toFixed(2)} s (${(mb / worker.seconds).toFixed(0)} MB/s), verdict ${worker.result.verdict} (opt-in, for comparison)`);
    console.log(`peak RSS (sampled):   ${(peakRss / MiB).toFixed(0)} MiB during the inspections`);
    console.log(`maxRSS (whole run):   ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
    console.log(`inspect_ratio=${(inspect.seconds / shaSum.seconds).toFixed(3)}`);
  } finally {
    rmSync(file, { force: true });
  }
}

await main();
