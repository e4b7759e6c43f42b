// The browser's disk reader for a try: qcow2, VMDK (monolithicSparse, streamOptimized) and the
// disk inside an OVA, read by Range through fetch, exactly as the console reads them (the
// DecompressionStream path included), and hostile files refused in bounded reads.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoAppliance, makeOva, makeRawDisk, makeTar, rawToQcow2 } from '@/lib/core/appliance-kit';
import { memorySource } from '@/lib/core/inside/sources/memory-source';
import { qemuConvert, run, tempDir } from '@/lib/core/inside/__tests__/fixtures';
import { openBrowserDisk } from '@/lib/core/try/browser-disk';
import { probeTryDisk } from '@/lib/core/try/open-try-disk';
import type { V86Disk } from '@/lib/core/try/v86-disk';

const MIB = 1024 * 1024;

/** An object store answering Range requests from memory, counting what it sends. */
function store(bytes: Uint8Array) {
  let sent = 0;
  const ranges: string[] = [];
  const fetchFn = (async (_url: string | URL | Request, init?: RequestInit) => {
    const range = new Headers(init?.headers).get('range') ?? '';
    ranges.push(range);
    const m = /^bytes=(\d+)-(\d+)$/.exec(range)!;
    const [a, b] = [Number(m[1]), Math.min(Number(m[2]), bytes.length - 1)];
    sent += b - a + 1;
    return new Response(bytes.slice(a, b + 1), { status: 206, headers: { 'content-range': `bytes ${a}-${b}/${bytes.length}` } });
  }) as typeof fetch;
  return { fetchFn, ranges, sent: () => sent };
}

const get = (disk: V86Disk, offset: number, len: number) => new Promise<Uint8Array>((resolve) => disk.get(offset, len, resolve));

async function openIn(bytes: Uint8Array, format: string, errors: string[] = []) {
  const s = store(bytes);
  const disk = await openBrowserDisk({ format, sizeBytes: bytes.length, url: 'https://s3/ok', fetch: s.fetchFn, onError: (e) => errors.push(e.message) });
  return { disk, store: s };
}

/**
 * A guest disk with something worth reading: the demo boot sector, a stretch of zeros (left
 * unallocated by qcow2/VMDK), and 512 KiB of pseudo-random bytes at 4 MiB.
 */
function guestDisk(): Uint8Array {
  const raw = makeRawDisk({ message: 'try disk booted', sizeBytes: 8 * MIB });
  let x = 0x12345678;
  for (let i = 4 * MIB; i < 4 * MIB + 512 * 1024; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    raw[i] = x & 0xff;
  }
  return raw;
}

/** Node's zlib hidden, so decompression takes the browser's path (DecompressionStream). */
function asInTheBrowser() {
  const proc = process as unknown as { getBuiltinModule?: unknown };
  const saved = proc.getBuiltinModule;
  proc.getBuiltinModule = undefined;
  return () => {
    proc.getBuiltinModule = saved;
  };
}

describe('the try reads every container to the same sectors', () => {
  const raw = guestDisk();
  const files: Record<string, Uint8Array> = {};
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let restore: (() => void) | undefined;

  beforeAll(async () => {
    tmp = await tempDir('try');
    await writeFile(tmp.file('disk.raw'), raw);
    files.qcow2 = await readFile(await qemuConvert(tmp.file('disk.raw'), tmp.file('disk.qcow2'), 'qcow2'));
    files['qcow2 (compressed clusters)'] = await readFile(await qemuConvert(tmp.file('disk.raw'), tmp.file('c.qcow2'), 'qcow2', ['-c']));
    files['qcow2 v2 (compat=0.10)'] = await readFile(await qemuConvert(tmp.file('disk.raw'), tmp.file('v2.qcow2'), 'qcow2', ['-o', 'compat=0.10']));
    files['VMDK monolithicSparse'] = await readFile(await qemuConvert(tmp.file('disk.raw'), tmp.file('s.vmdk'), 'vmdk', ['-o', 'subformat=monolithicSparse']));
    files['VMDK streamOptimized'] = await readFile(await qemuConvert(tmp.file('disk.raw'), tmp.file('o.vmdk'), 'vmdk', ['-o', 'subformat=streamOptimized']));
  });
  afterAll(() => tmp.cleanup());
  afterEach(() => restore?.());

  const cases: [string, string, string][] = [
    ['qcow2', 'QCOW2', 'qcow2'],
    ['qcow2 (compressed clusters)', 'QCOW2', 'qcow2'],
    ['qcow2 v2 (compat=0.10)', 'QCOW2', 'qcow2'],
    ['VMDK monolithicSparse', 'VMDK', 'vmdk-sparse'],
    ['VMDK streamOptimized', 'VMDK', 'vmdk-stream'],
  ];
  it.each(cases)('%s, inflated the browser’s way', async (label, format, container) => {
    restore = asInTheBrowser();
    const { disk, store: s } = await openIn(files[label], format);
    expect(disk).toMatchObject({ medium: 'hda', container, diskSize: raw.length, inPackage: false });
    expect(await get(disk.v86, 0, 512)).toEqual(raw.slice(0, 512));
    expect(await get(disk.v86, 4 * MIB - 256, 64 * 1024)).toEqual(raw.slice(4 * MIB - 256, 4 * MIB - 256 + 64 * 1024));
    expect(await get(disk.v86, 6 * MIB, 4096)).toEqual(new Uint8Array(4096)); // unallocated: zeros
    expect(disk.bytesFetched()).toBe(s.sent());
    expect(s.sent()).toBeLessThan(files[label].length);
  });

  it('the disk inside an OVA: found by its tar headers and read in place', async () => {
    restore = asInTheBrowser();
    const kit = makeDemoAppliance({ name: 'Try Kit', vendor: 'Tests', version: '1.0', message: 'try kit booted', sizeBytes: 8 * MIB });
    const ova = makeOva({ ovf: kit.ovf, ovfName: kit.ovfName, disks: [{ name: kit.ova.diskNames[0], bytes: kit.vmdk.bytes }] });
    const { disk, store: s } = await openIn(ova, 'OVA');
    expect(disk).toMatchObject({ medium: 'hda', container: 'vmdk-stream', diskSize: 8 * MIB, inPackage: true });
    expect(await get(disk.v86, 0, 512)).toEqual(kit.raw.bytes.slice(0, 512));
    // Requests fall inside the tar (the headers, the OVF, the disk member's pieces), never beyond.
    for (const r of s.ranges) expect(Number(/-(\d+)$/.exec(r)![1])).toBeLessThan(ova.length + 64 * 1024);
  });

  it('a raw disk inside an OVA, and an ISO inside one goes in the CD-ROM drive', async () => {
    const rawDisk = makeRawDisk({ message: 'raw in ova' });
    const plain = makeTar([
      { name: 'a.ovf', bytes: new TextEncoder().encode('<Envelope/>') },
      { name: 'disk.img', bytes: rawDisk },
    ]);
    expect((await openIn(plain, 'OVA')).disk).toMatchObject({ container: 'raw', medium: 'hda' });
    const iso = new Uint8Array(64 * 1024);
    iso.set(new TextEncoder().encode('CD001'), 0x8001);
    const withIso = makeTar([{ name: 'disk.img', bytes: iso }]);
    expect((await openIn(withIso, 'OVA')).disk).toMatchObject({ container: 'iso', medium: 'cdrom' });
  });

  it('the server’s probe sees what the browser will: boot code only, or a filesystem', async () => {
    expect(await probeTryDisk(memorySource(files.qcow2), 'QCOW2')).toEqual({ readable: true, guest: 'boot-code-only', medium: 'hda' });
    const withExt4 = guestDisk();
    withExt4[MIB + 1024 + 56] = 0x53;
    withExt4[MIB + 1024 + 57] = 0xef;
    expect(await probeTryDisk(memorySource(rawToQcow2(withExt4)), 'QCOW2')).toMatchObject({ readable: true, guest: 'filesystem' });
  });
});

describe('hostile or unreadable files are refused with a reason, in bounded reads', () => {
  const raw = makeRawDisk({ message: 'hostile', sizeBytes: MIB });
  const qcow2 = () => rawToQcow2(raw);
  const be = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

  /** The probe's refusal and how many bytes it read to reach it. */
  async function refusal(bytes: Uint8Array, format: string) {
    let sent = 0;
    const source = { size: bytes.length, name: 'x', read: async (o: number, l: number) => ((sent += Math.min(l, bytes.length - o)), bytes.slice(o, o + l)) };
    const probe = await probeTryDisk(source, format);
    expect(probe.readable).toBe(false);
    return { reason: probe.readable ? '' : probe.reason, sent };
  }

  it('a qcow2 with a backing file', async () => {
    const b = qcow2();
    be(b).setBigUint64(8, 4096n);
    expect((await refusal(b, 'QCOW2')).reason).toMatch(/backing file/);
  });

  it('a qcow2 whose L1 table would be 64 MiB is refused before it is read', async () => {
    const b = qcow2();
    be(b).setUint32(36, (64 * MIB) / 8);
    const { reason, sent } = await refusal(b, 'QCOW2');
    expect(reason).toMatch(/L1 table is implausibly large/);
    expect(sent).toBeLessThanOrEqual(4096);
  });

  it('a qcow2 whose L1 points an L2 table outside the file', async () => {
    const b = qcow2();
    const l1 = Number(be(b).getBigUint64(40));
    be(b).setBigUint64(l1, 1n << 40n);
    expect((await refusal(b, 'QCOW2')).reason).toMatch(/L2 table points outside the file/);
  });

  it('a qcow2 with zstd-compressed clusters (the browser has no zstd)', async () => {
    const t = await tempDir('try-zstd');
    try {
      await writeFile(t.file('d.raw'), raw);
      await run('qemu-img', ['convert', '-c', '-O', 'qcow2', '-o', 'compression_type=zstd', t.file('d.raw'), t.file('z.qcow2')]);
      expect((await refusal(await readFile(t.file('z.qcow2')), 'QCOW2')).reason).toMatch(/zstd/);
    } finally {
      await t.cleanup();
    }
  });

  it('a file labelled qcow2 that is not one, and random bytes as VMDK', async () => {
    expect((await refusal(raw, 'QCOW2')).reason).toMatch(/not a qcow2 image/);
    expect((await refusal(raw, 'VMDK')).reason).toMatch(/not a sparse VMDK/);
  });

  it('a VMDK whose grain directory would be huge is refused before it is read', async () => {
    const kit = makeDemoAppliance({ name: 'H', vendor: 'T', version: '1', message: 'x' });
    const b = kit.vmdk.bytes.slice();
    // Capacity 2^40 sectors in the header and in the footer copy (GD at end).
    be(b).setBigUint64(12, 1n << 40n, true);
    be(b).setBigUint64(b.length - 1024 + 12, 1n << 40n, true);
    const { reason, sent } = await refusal(b, 'VMDK');
    expect(reason).toMatch(/grain directory is implausibly large|capacity/);
    expect(sent).toBeLessThan(64 * 1024);
  });

  it('a streamOptimized grain that inflates past its grain size yields one grain, no more', async () => {
    const restore = asInTheBrowser();
    try {
      const kit = makeDemoAppliance({ name: 'B', vendor: 'T', version: '1', message: 'bomb' });
      const b = kit.vmdk.bytes;
      const { disk } = await openIn(b, 'VMDK');
      // A grain is 64 KiB: reading across it returns exactly the guest's bytes, capped per grain.
      expect(await get(disk.v86, 0, 128 * 1024)).toEqual(kit.raw.bytes.slice(0, 128 * 1024));
      const { deflateSync } = await import('node:zlib');
      const { decompress } = await import('@/lib/core/inside/disk/decompress');
      const bomb = deflateSync(new Uint8Array(16 * MIB));
      expect((await decompress(new Uint8Array(bomb), 'deflate', 64 * 1024, 'grain')).length).toBe(64 * 1024);
    } finally {
      restore();
    }
  });

  it('a damaged tar header, a member running past the end, too many members', async () => {
    const ova = makeTar([{ name: 'disk.img', bytes: raw }]);
    const damaged = ova.slice();
    damaged[0] ^= 0xff;
    expect((await refusal(damaged, 'OVA')).reason).toMatch(/tar header at offset 0 is damaged/);
    const long = ova.slice(0, 512 + 4096);
    expect((await refusal(long, 'OVA')).reason).toMatch(/runs past the end/);
    const many = makeTar(Array.from({ length: 13_000 }, (_, i) => ({ name: `m${i}.txt`, bytes: new Uint8Array(0) })));
    const { reason, sent } = await refusal(many, 'OVA');
    expect(reason).toMatch(/too many tar members/);
    expect(sent).toBeLessThanOrEqual(12_300 * 512);
  });

  it('an OVA whose disk is gzip-compressed (ovf:compression), and one without a disk', async () => {
    const ovf = `<Envelope><References><File ovf:id="f1" ovf:href="disk.vmdk" ovf:compression="gzip"/></References><DiskSection><Disk ovf:diskId="d1" ovf:fileRef="f1"/></DiskSection></Envelope>`;
    const gz = makeTar([
      { name: 'a.ovf', bytes: new TextEncoder().encode(ovf) },
      { name: 'disk.vmdk', bytes: new Uint8Array(1024) },
    ]);
    expect((await refusal(gz, 'OVA')).reason).toMatch(/gzip-compressed/);
    const none = makeTar([{ name: 'a.ovf', bytes: new TextEncoder().encode('<Envelope/>') }]);
    expect((await refusal(none, 'OVA')).reason).toMatch(/holds no disk/);
  });

  it('reasons name neither the file nor its members (a blind judge reads them)', async () => {
    const b = qcow2();
    be(b).setBigUint64(8, 4096n);
    const ova = makeTar([{ name: 'acme-corp-disk1.qcow2', bytes: b }]);
    const { reason } = await refusal(ova, 'OVA');
    expect(reason).toBe('the disk inside the OVA has a backing file; only self-contained images can be read');
  });
});
