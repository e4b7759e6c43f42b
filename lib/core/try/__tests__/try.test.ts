import { describe, expect, it } from 'vitest';
import { makeRawDisk } from '@/lib/core/appliance-kit/raw-disk';
import { browserTrial, tryMemory, type DiskProbe } from '@/lib/core/try/browser-trial';
import { probeGuest } from '@/lib/core/try/probe-guest';
import { openBrowserDisk } from '@/lib/core/try/browser-disk';
import type { GuestProbe } from '@/lib/core/try/probe-guest';
import { V86Disk } from '@/lib/core/try/v86-disk';

const memorySource = (bytes: Uint8Array) => ({ size: bytes.length, read: async (o: number, n: number) => bytes.slice(o, o + n) });
const hd = (guest: GuestProbe): DiskProbe => ({ readable: true, guest, medium: 'hda' });
const verifiedRaw = { format: 'RAW', architecture: 'AMD64', status: 'VERIFIED', downloadable: true };

describe('probeGuest', () => {
  it('a demo boot sector is boot code only', async () => {
    expect(await probeGuest(memorySource(makeRawDisk({ message: 'hello' })))).toBe('boot-code-only');
  });

  it('an ext4 superblock in the partition means a system lives there', async () => {
    const disk = makeRawDisk({ message: 'hello', sizeBytes: 4 * 1024 * 1024 });
    const start = new DataView(disk.buffer).getUint32(446 + 8, true) * 512;
    disk[start + 1024 + 56] = 0x53;
    disk[start + 1024 + 57] = 0xef;
    expect(await probeGuest(memorySource(disk))).toBe('filesystem');
  });

  it('a GPT disk is not walked: assumed to hold a system', async () => {
    const disk = makeRawDisk({ message: 'hello' });
    disk[446 + 4] = 0xee;
    expect(await probeGuest(memorySource(disk))).toBe('filesystem');
  });

  it('no boot signature, or a tiny source, is not bootable', async () => {
    const disk = makeRawDisk({ message: 'hello' });
    disk[511] = 0;
    expect(await probeGuest(memorySource(disk))).toBe('not-bootable');
    expect(await probeGuest(memorySource(new Uint8Array(100)))).toBe('not-bootable');
  });

  it('a partition pointing past the end is ignored, not read', async () => {
    const disk = makeRawDisk({ message: 'hello' });
    new DataView(disk.buffer).setUint32(446 + 8, 0xffffffff, true);
    const reads: number[] = [];
    const source = { size: disk.length, read: async (o: number, n: number) => (reads.push(o), disk.slice(o, o + n)) };
    expect(await probeGuest(source)).toBe('boot-code-only');
    expect(reads.every((o) => o < disk.length)).toBe(true);
  });
});

describe('browserTrial', () => {
  it('offers raw disks whose amd64 label covers boot code only, with a note', () => {
    const t = browserTrial(verifiedRaw, 64, hd('boot-code-only'));
    expect(t).toMatchObject({ offered: true, medium: 'hda', memoryMiB: 64, memoryCapped: false });
    expect(t.offered && t.architectureNote).toMatch(/boot code/);
  });

  it('explains amd64 systems instead of offering them', () => {
    expect(browserTrial(verifiedRaw, 64, hd('filesystem'))).toMatchObject({ offered: false, reason: expect.stringMatching(/64-bit \(amd64\)/) });
    expect(browserTrial(verifiedRaw, 64, null)).toMatchObject({ offered: false });
    expect(browserTrial({ ...verifiedRaw, format: 'ISO' }, 64, null)).toMatchObject({ offered: false });
  });

  it('offers i386 disks and ISOs, never arm64', () => {
    expect(browserTrial({ ...verifiedRaw, architecture: 'I386' }, 128, hd('filesystem'))).toMatchObject({ offered: true, medium: 'hda', architectureNote: null });
    expect(browserTrial({ ...verifiedRaw, architecture: 'I386', format: 'ISO' }, 128, null)).toMatchObject({ offered: true, medium: 'cdrom' });
    expect(browserTrial({ ...verifiedRaw, architecture: 'ARM64' }, 128, hd('boot-code-only'))).toMatchObject({ offered: false, reason: expect.stringMatching(/arm64/) });
  });

  it('offers qcow2, VMDK and OVA files the reader opens, in the drive the probe found', () => {
    expect(browserTrial({ ...verifiedRaw, format: 'QCOW2' }, 64, hd('boot-code-only'))).toMatchObject({ offered: true, medium: 'hda' });
    expect(browserTrial({ ...verifiedRaw, format: 'OVA', architecture: 'I386' }, 64, { readable: true, guest: null, medium: 'cdrom' })).toMatchObject({ offered: true, medium: 'cdrom' });
    expect(browserTrial({ ...verifiedRaw, format: 'VMDK' }, 64, hd('filesystem'))).toMatchObject({ offered: false, reason: expect.stringMatching(/64-bit/) });
  });

  it('explains a disk the reader refuses, with its reason', () => {
    const t = browserTrial({ ...verifiedRaw, format: 'QCOW2', architecture: 'I386' }, 64, { readable: false, reason: 'the file has a backing file' });
    expect(t).toEqual({ offered: false, reason: 'The browser cannot read this disk: the file has a backing file.' });
  });

  it('refuses unverified or undownloadable files and formats it cannot read', () => {
    expect(browserTrial({ ...verifiedRaw, status: 'PENDING' }, 64, hd('boot-code-only')).offered).toBe(false);
    expect(browserTrial({ ...verifiedRaw, downloadable: false }, 64, hd('boot-code-only')).offered).toBe(false);
    expect(browserTrial({ ...verifiedRaw, format: 'VAGRANT_BOX' }, 64, hd('boot-code-only')).offered).toBe(false);
    expect(browserTrial({ ...verifiedRaw, format: 'RAW' }, 64, hd('not-bootable')).offered).toBe(false);
  });

  it('memory: the requirement rounded up to a power of two, capped at 512 MiB with a flag', () => {
    expect(tryMemory(null)).toEqual({ memoryMiB: 64, capped: false });
    expect(tryMemory(100)).toEqual({ memoryMiB: 128, capped: false });
    expect(tryMemory(512)).toEqual({ memoryMiB: 512, capped: false });
    expect(tryMemory(4096)).toEqual({ memoryMiB: 512, capped: true });
    expect(tryMemory(1)).toEqual({ memoryMiB: 16, capped: false });
  });
});

/** An object store answering Range requests from memory, accepting only the URLs it handed out. */
function fakeStore(bytes: Uint8Array) {
  const seen: { url: string; range: string; cache?: RequestCache }[] = [];
  const fetchFn = (async (url: string | URL | Request, init?: RequestInit) => {
    const range = new Headers(init?.headers).get('range') ?? '';
    seen.push({ url: String(url), range, cache: init?.cache });
    if (!String(url).startsWith('https://s3/ok')) return new Response('expired', { status: 403 });
    const m = /^bytes=(\d+)-(\d+)$/.exec(range)!;
    const [a, b] = [Number(m[1]), Math.min(Number(m[2]), bytes.length - 1)];
    return new Response(bytes.slice(a, b + 1), { status: 206, headers: { 'content-range': `bytes ${a}-${b}/${bytes.length}` } });
  }) as typeof fetch;
  return { fetchFn, seen };
}

const get = (disk: V86Disk, offset: number, len: number) => new Promise<Uint8Array>((resolve) => disk.get(offset, len, resolve));

describe('openBrowserDisk over a raw file', () => {
  const image = Uint8Array.from({ length: 1024 * 1024 }, (_, i) => (i * 7) & 0xff);

  it('reads by Range a block at a time, only what is needed, never from the browser cache', async () => {
    const { fetchFn, seen } = fakeStore(image);
    const disk = await openBrowserDisk({ format: 'RAW', sizeBytes: image.length, url: async () => 'https://s3/ok-1', fetch: fetchFn, blockBytes: 4096 });
    expect(disk).toMatchObject({ medium: 'hda', container: 'raw', diskSize: image.length });
    expect(await get(disk.v86, 512, 512)).toEqual(image.slice(512, 1024));
    expect(await get(disk.v86, 0, 512)).toEqual(image.slice(0, 512));
    expect(await get(disk.v86, 4096 - 256, 512)).toEqual(image.slice(4096 - 256, 4096 + 256));
    expect(seen.map((s) => s.range)).toEqual(['bytes=0-4095', 'bytes=4096-8191']);
    expect(seen.every((s) => s.cache === 'no-store')).toBe(true);
    expect(disk.bytesFetched()).toBe(8192);
    expect(disk.requests()).toBe(2);
  });

  it('asks for the current URL before every request (so a refreshed one is used)', async () => {
    const { fetchFn, seen } = fakeStore(image);
    let n = 0;
    const disk = await openBrowserDisk({ format: 'RAW', sizeBytes: image.length, url: async () => `https://s3/ok-${++n}`, fetch: fetchFn, blockBytes: 4096 });
    await get(disk.v86, 0, 512);
    await get(disk.v86, 8192, 512);
    expect(seen.map((s) => s.url)).toEqual(['https://s3/ok-1', 'https://s3/ok-2']);
  });

  it('an ISO goes in the CD-ROM drive', async () => {
    const { fetchFn } = fakeStore(image);
    expect(await openBrowserDisk({ format: 'ISO', sizeBytes: image.length, url: 'https://s3/ok', fetch: fetchFn })).toMatchObject({ medium: 'cdrom', container: 'iso' });
  });

  it('a refused request is reported and answered with zeros, never a hang', async () => {
    const { fetchFn } = fakeStore(image);
    const errors: string[] = [];
    const disk = await openBrowserDisk({ format: 'RAW', sizeBytes: image.length, url: 'https://s3/expired', fetch: fetchFn, onError: (e) => errors.push(e.message) });
    expect(await get(disk.v86, 0, 512)).toEqual(new Uint8Array(512));
    expect(errors[0]).toMatch(/403/);
  });

  it('evicts old blocks beyond its cache budget', async () => {
    const { fetchFn, seen } = fakeStore(image);
    const disk = await openBrowserDisk({ format: 'RAW', sizeBytes: image.length, url: 'https://s3/ok', fetch: fetchFn, blockBytes: 4096, cacheBytes: 4 * 4096 });
    for (let i = 0; i < 6; i++) await get(disk.v86, i * 4096, 512);
    await get(disk.v86, 0, 512);
    expect(seen).toHaveLength(7);
  });
});

describe('V86Disk', () => {
  const image = Uint8Array.from({ length: 64 * 1024 }, (_, i) => (i * 13) & 0xff);
  const reader = { size: image.length, read: async (o: number, n: number) => image.slice(o, o + n) };

  it('keeps writes in memory and reads them back over the stored bytes', async () => {
    const disk = new V86Disk(reader);
    const data = new Uint8Array(512).fill(0xab);
    await new Promise<void>((resolve) => disk.set(1024, data, resolve));
    const back = await get(disk, 768, 1024);
    expect(back.slice(0, 256)).toEqual(image.slice(768, 1024));
    expect(back.slice(256, 768)).toEqual(data);
    expect(back.slice(768)).toEqual(image.slice(1536, 1792));
    expect(image[1024]).toBe((1024 * 13) & 0xff);
  });

  it('bounds what the guest may write, and refuses writes outside the disk', async () => {
    const errors: string[] = [];
    const disk = new V86Disk(reader, { maxWrittenBytes: 1024, onError: (e) => errors.push(e.message) });
    await new Promise<void>((resolve) => disk.set(0, new Uint8Array(2048).fill(1), resolve));
    expect(disk.bytesWritten()).toBe(1024);
    expect(errors).toEqual([expect.stringMatching(/wrote more than/)]);
    await new Promise<void>((resolve) => disk.set(image.length - 256, new Uint8Array(512), resolve));
    expect(errors[1]).toMatch(/outside the disk/);
  });

  it('a read past the end is an error for the guest (zeros), not a read of someone else’s bytes', async () => {
    const errors: string[] = [];
    const disk = new V86Disk(reader, { onError: (e) => errors.push(e.message) });
    expect(await get(disk, image.length - 256, 512)).toEqual(new Uint8Array(512));
    expect(errors[0]).toMatch(/past the end/);
  });
});

describe('V86Disk, as v86 0.5.462 calls it', () => {
  it('get_and_cache fills what get_from_cache answers synchronously (the MBR for the disk geometry)', async () => {
    const image = makeRawDisk({ message: 'hello' });
    const disk = new V86Disk({ size: image.length, read: async (o, n) => image.slice(o, o + n) });
    expect(disk.get_from_cache(0, 512)).toBeUndefined();
    await new Promise((resolve) => disk.get_and_cache(0, 512, resolve));
    const mbr = disk.get_from_cache(0, 512)!;
    expect([mbr[510], mbr[511]]).toEqual([0x55, 0xaa]);
    expect(disk.get_from_cache(4096 - 256, 512)).toBeUndefined();
    // A write to the MBR shows in the synchronous answer too.
    await new Promise<void>((resolve) => disk.set(256, new Uint8Array(256).fill(9), resolve));
    expect(disk.get_from_cache(0, 512)![300]).toBe(9);
  });
});
