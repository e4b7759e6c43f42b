// "What's inside" over S3: a 4 GiB disk with a real ext4 root (the machine's os-release and dpkg
// status, 1,000+ packages, plus incompressible filler so the package is as big as a real one) as a
// streamOptimized VMDK inside an OVA in the embedded S3, read through presigned Range GETs.
// Run: npm run bench -- inside [fillerGiB]
// Prints inside_bytes_ratio= (bytes fetched ÷ OVA size, goal ≤ 0.01) and, last,
// inside_time_ratio= (report time ÷ sha256sum of the same OVA in this run, goal ≤ 0.1).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { findFreePort } from '../scripts/lib/ports.ts';

const exec = promisify(execFile);
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const DISK_BYTES = 4 * GiB;
const fillerGiB = Number(process.argv[2] ?? 1.5);
const RUNS = 3;

async function sh(cmd: string, args: string[]): Promise<string> {
  return (await exec(cmd, args, { maxBuffer: 64 * MiB })).stdout;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function buildOva(dir: string): Promise<string> {
  const root = path.join(dir, 'root');
  await fs.mkdir(path.join(root, 'etc/ssh'), { recursive: true });
  await fs.mkdir(path.join(root, 'var/lib/dpkg'), { recursive: true });
  await fs.mkdir(path.join(root, 'etc/systemd/system/multi-user.target.wants'), { recursive: true });
  await fs.mkdir(path.join(root, 'boot'), { recursive: true });
  await fs.mkdir(path.join(root, 'opt/filler'), { recursive: true });
  await fs.copyFile('/etc/os-release', path.join(root, 'etc/os-release'));
  await fs.copyFile('/var/lib/dpkg/status', path.join(root, 'var/lib/dpkg/status'));
  await fs.writeFile(path.join(root, 'boot/vmlinuz-6.1.0-28-amd64'), randomBytes(8 * MiB));
  for (const unit of ['ssh.service', 'cron.service', 'nginx.service']) {
    await fs.symlink(`/lib/systemd/system/${unit}`, path.join(root, 'etc/systemd/system/multi-user.target.wants', unit));
  }
  // Filler: incompressible files, so the VMDK is as large as a real, used disk.
  const blob = path.join(root, 'opt/filler/blob-00');
  const blobs = Math.max(1, Math.round((fillerGiB * GiB) / (256 * MiB)));
  await sh('sh', ['-c', `head -c ${256 * MiB} /dev/urandom > ${blob}`]);
  for (let i = 1; i < blobs; i++) await fs.copyFile(blob, path.join(root, `opt/filler/blob-${String(i).padStart(2, '0')}`));

  const raw = path.join(dir, 'disk.img');
  await sh('truncate', ['-s', String(DISK_BYTES), raw]);
  await new Promise<void>((resolve, reject) => {
    const child = execFile('sfdisk', ['-q', raw], (e) => (e ? reject(e) : resolve()));
    child.stdin!.end('label: gpt\nstart=2048, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n');
  });
  const part = (JSON.parse(await sh('sfdisk', ['-J', raw])) as { partitiontable: { partitions: { start: number; size: number }[] } }).partitiontable.partitions[0];
  await sh('mke2fs', ['-q', '-F', '-t', 'ext4', '-E', `offset=${part.start * 512}`, '-d', root, raw, `${(part.size * 512) / 1024}k`]);
  await fs.rm(root, { recursive: true, force: true });

  const vmdk = path.join(dir, 'disk1.vmdk');
  await sh('qemu-img', ['convert', '-O', 'vmdk', '-o', 'subformat=streamOptimized', raw, vmdk]);
  await fs.rm(raw);
  const vmdkSize = statSync(vmdk).size;
  await fs.writeFile(
    path.join(dir, 'bench.ovf'),
    `<?xml version="1.0"?>\n<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"><References><File ovf:id="file1" ovf:href="disk1.vmdk" ovf:size="${vmdkSize}"/></References><DiskSection><Info>Disks</Info><Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="${DISK_BYTES}"/></DiskSection></Envelope>\n`,
  );
  const ova = path.join(dir, 'bench.ova');
  await sh('tar', ['--format=ustar', '-cf', ova, '-C', dir, 'bench.ovf', 'disk1.vmdk']);
  await fs.rm(vmdk);
  return ova;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'apx-bench-inside-'));
  const bucket = 'bench-inside';
  const keys = { accessKeyId: `BENCH${randomBytes(4).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(16).toString('hex') };
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '_embedded-s3-server.ts'), path.join(dir, 'objects'), String(await findFreePort()), bucket, keys.accessKeyId, keys.secretAccessKey], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(server.stdout!, 'data')) as [Buffer];
    const s3 = JSON.parse(line.toString()) as { endpoint: string };
    Object.assign(process.env, {
      S3_ENDPOINT: s3.endpoint,
      S3_PUBLIC_ENDPOINT: s3.endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: keys.accessKeyId,
      S3_SECRET_ACCESS_KEY: keys.secretAccessKey,
    });
    const { presignGet } = await import('../lib/server/storage/s3');
    const { readInside } = await import('../lib/core/inside/read-inside');
    const { openHttpRangeSource } = await import('../lib/core/inside/sources/http-range-source');

    console.log(`building a 4 GiB disk (ext4 root, ${fillerGiB} GiB of filler) as a streamOptimized VMDK in an OVA …`);
    const build = await timed(() => buildOva(dir));
    const ova = build.result;
    const size = statSync(ova).size;
    console.log(`  built in ${build.seconds.toFixed(1)} s: ${ova} (${(size / MiB).toFixed(0)} MiB)`);

    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: keys,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const key = 'bench/bench.ova';
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(ova), ContentLength: size }));
    client.destroy();

    const shaTimes: number[] = [];
    const reportTimes: number[] = [];
    let last: Awaited<ReturnType<typeof readInside>> | undefined;
    let requests = 0;
    for (let i = 0; i < RUNS; i++) {
      shaTimes.push((await timed(() => sh('sha256sum', [ova]))).seconds);
      const url = await presignGet(key, 600);
      let count = 0;
      const countingFetch: typeof fetch = (input, init) => {
        count++;
        return fetch(input, init);
      };
      // A fresh source and cache each run: nothing is carried over between runs.
      const run = await timed(async () => readInside(await openHttpRangeSource(url, { size, name: 'bench.ova', fetch: countingFetch }), { format: 'OVA' }));
      reportTimes.push(run.seconds);
      last = run.result;
      requests = count;
    }
    const report = last!;
    if (report.status !== 'read' || report.packages.length < 1000) {
      throw new Error(`the report did not read the image: ${report.status} ${report.reason ?? ''} (${report.packages.length} packages)`);
    }
    const sha = median(shaTimes);
    const time = median(reportTimes);
    console.log(`report:               ${report.status}, ${report.os?.prettyName}, ${report.packages.length} packages, kernels ${report.kernels.join(', ')}, ${report.services.length} services, ${report.findings.length} findings`);
    console.log(`OVA size:             ${size} bytes (virtual disk ${DISK_BYTES} bytes)`);
    console.log(`bytes fetched:        ${report.bytesRead} in ${requests} range requests (${(report.bytesRead / DISK_BYTES).toFixed(5)} of the virtual disk)`);
    console.log(`sha256sum (median):   ${sha.toFixed(3)} s  runs ${shaTimes.map((t) => t.toFixed(2)).join(', ')}`);
    console.log(`report (median):      ${time.toFixed(3)} s  runs ${reportTimes.map((t) => t.toFixed(2)).join(', ')}`);
    console.log(`inside_bytes_ratio=${(report.bytesRead / size).toFixed(5)}`);
    console.log(`inside_time_ratio=${(time / sha).toFixed(4)}`);
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
