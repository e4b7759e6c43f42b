import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDisk } from '@/lib/core/inside/disk/open-disk';
import { readInside } from '@/lib/core/inside/read-inside';
import { openFileSource, withFileSource } from '@/lib/core/inside/sources/file-source';
import type { VirtualDisk } from '@/lib/core/inside/types';
import { machineRoot, mkext, qemuConvert, run, tempDir } from './fixtures';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let raw: string;
let rawDigest: string;

async function digest(disk: VirtualDisk): Promise<string> {
  const h = createHash('sha256');
  for (let at = 0; at < disk.size; at += 4 << 20) h.update(await disk.read(at, 4 << 20));
  return h.digest('hex');
}

/** Overwrites bytes of a file in place. */
async function patch(file: string, offset: number, bytes: Uint8Array): Promise<void> {
  const f = await open(file, 'r+');
  await f.write(bytes, 0, bytes.length, offset);
  await f.close();
}

beforeAll(async () => {
  tmp = await tempDir('disk');
  const root = await machineRoot(tmp.file('root'));
  raw = await mkext(tmp.file('raw.img'), 'ext4', root, 48);
  rawDigest = createHash('sha256').update(await readFile(raw)).digest('hex');
});
afterAll(() => tmp.cleanup());

describe('openDisk reads every container to the same sectors', () => {
  const cases: [string, 'qcow2' | 'vmdk', string[], VirtualDisk['format']][] = [
    ['qcow2', 'qcow2', [], 'qcow2'],
    ['qcow2 compressed (zlib)', 'qcow2', ['-c'], 'qcow2'],
    ['qcow2 compressed (zstd)', 'qcow2', ['-c', '-o', 'compression_type=zstd'], 'qcow2'],
    ['qcow2 v2 (compat=0.10)', 'qcow2', ['-o', 'compat=0.10'], 'qcow2'],
    ['VMDK streamOptimized', 'vmdk', ['-o', 'subformat=streamOptimized'], 'vmdk-stream'],
    ['VMDK monolithicSparse', 'vmdk', ['-o', 'subformat=monolithicSparse'], 'vmdk-sparse'],
  ];
  it('raw', async () => {
    await withFileSource(raw, async (s) => {
      const d = await openDisk(s);
      expect(d.format).toBe('raw');
      expect(await digest(d)).toBe(rawDigest);
    });
  });
  for (const [label, format, options, expected] of cases) {
    it(label, async () => {
      const file = await qemuConvert(raw, tmp.file(`${label.replace(/\W+/g, '-')}.${format}`), format, options);
      if (label.includes('zstd')) expect(await run('qemu-img', ['info', file])).toMatch(/compression type: zstd/);
      await withFileSource(file, async (s) => {
        const d = await openDisk(s);
        expect(d.format).toBe(expected);
        expect(d.size).toBe((await stat(raw)).size);
        expect(await digest(d)).toBe(rawDigest);
        expect(d.bytesFetched()).toBeGreaterThan(0);
        expect(d.bytesFetched()).toBeLessThanOrEqual(s.size);
      });
    });
  }

  it('a streamOptimized VMDK with its grain directory in a footer (GD_AT_END, as VMware writes it)', async () => {
    const file = await qemuConvert(raw, tmp.file('footer.vmdk'), 'vmdk', ['-o', 'subformat=streamOptimized']);
    const bytes = await readFile(file);
    const header = Buffer.from(bytes.subarray(0, 512));
    const body = Buffer.from(bytes.subarray(0, bytes.length - 512)); // without the end-of-stream marker
    body.writeBigUInt64LE(0xffffffffffffffffn, 56);
    const marker = Buffer.alloc(512);
    marker.writeBigUInt64LE(1n, 0); // one sector of metadata follows
    marker.writeUInt32LE(3, 12); // MARKER_FOOTER
    const moved = tmp.file('footer-at-end.vmdk');
    await (await import('node:fs/promises')).writeFile(moved, Buffer.concat([body, marker, header, Buffer.alloc(512)]));
    await withFileSource(moved, async (s) => {
      const d = await openDisk(s);
      expect(d.format).toBe('vmdk-stream');
      expect(await digest(d)).toBe(rawDigest);
    });
  });

  it('refuses a qcow2 with a backing file, naming why', async () => {
    const base = await qemuConvert(raw, tmp.file('base.qcow2'), 'qcow2');
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', base, '-F', 'qcow2', tmp.file('overlay.qcow2')]);
    await withFileSource(tmp.file('overlay.qcow2'), async (s) => {
      await expect(openDisk(s)).rejects.toThrow(/backing file/);
    });
  });
});

describe('hostile disk images give a clear error, never a crash', () => {
  it('a qcow2 whose L1 table points an L2 table outside the file', async () => {
    const file = await qemuConvert(raw, tmp.file('bad-l1.qcow2'), 'qcow2');
    const head = await readFile(file);
    const l1 = Number(head.readBigUInt64BE(40));
    const entry = Buffer.alloc(8);
    entry.writeBigUInt64BE((1n << 63n) | (1n << 44n)); // 16 TiB into a file of a few MB
    await patch(file, l1, entry);
    await withFileSource(file, async (s) => {
      const d = await openDisk(s);
      await expect(d.read(0, 4096)).rejects.toThrow(/L2 table points outside the file/);
      const report = await readInside(s, { format: 'QCOW2' });
      expect(report.status).toBe('not-read');
      expect(report.findings.map((f) => f.detail).join(' ')).toMatch(/L2 table points outside the file/);
    });
  });

  it('a qcow2 whose L2 table points a data cluster outside the file', async () => {
    const file = await qemuConvert(raw, tmp.file('bad-l2.qcow2'), 'qcow2');
    const head = await readFile(file);
    const l1 = Number(head.readBigUInt64BE(40));
    const l2 = Number(head.readBigUInt64BE(l1) & 0x00fffffffffffe00n);
    const entry = Buffer.alloc(8);
    entry.writeBigUInt64BE((1n << 63n) | (1n << 40n));
    await patch(file, l2, entry); // cluster 0: the boot sector and the superblock
    await withFileSource(file, async (s) => {
      const report = await readInside(s, { format: 'QCOW2' });
      expect(report.status).toBe('not-read');
      expect(JSON.stringify(report.findings)).toMatch(/data cluster points outside the file/);
    });
  });

  for (const subformat of ['monolithicSparse', 'streamOptimized']) {
    it(`a ${subformat} VMDK whose grain directory points a grain table outside the file`, async () => {
      const file = await qemuConvert(raw, tmp.file(`bad-gt-${subformat}.vmdk`), 'vmdk', ['-o', `subformat=${subformat}`]);
      const bytes = await readFile(file);
      // qemu writes the directory's place into the header; VMware writes GD_AT_END and a footer.
      const inHeader = bytes.readBigUInt64LE(56);
      const gdSector = Number(inHeader === 0xffffffffffffffffn ? bytes.readBigUInt64LE(bytes.length - 1024 + 56) : inHeader);
      expect(gdSector).toBeGreaterThan(0);
      const entry = Buffer.alloc(4);
      entry.writeUInt32LE(0x7fffffff);
      await patch(file, gdSector * 512, entry);
      const s = await openFileSource(file);
      try {
        const d = await openDisk(s);
        await expect(d.read(0, 4096)).rejects.toThrow(/grain table points outside the file/);
        const report = await readInside(s, { format: 'VMDK' });
        expect(report.status).toBe('not-read');
        expect(JSON.stringify(report.findings)).toMatch(/grain table points outside the file/);
      } finally {
        await s.close();
      }
    });
  }

  it('a VMDK whose grain table points a grain outside the file', async () => {
    const file = await qemuConvert(raw, tmp.file('bad-grain.vmdk'), 'vmdk', ['-o', 'subformat=monolithicSparse']);
    const bytes = await readFile(file);
    const gdSector = Number(bytes.readBigUInt64LE(56));
    const gtSector = bytes.readUInt32LE(gdSector * 512);
    const entry = Buffer.alloc(4);
    entry.writeUInt32LE(0x7ffffff0);
    await patch(file, gtSector * 512, entry);
    await withFileSource(file, async (s) => {
      const report = await readInside(s, { format: 'VMDK' });
      expect(JSON.stringify(report.findings)).toMatch(/grain points outside the file/);
    });
  });

  it('a truncated streamOptimized VMDK and random bytes named as qcow2', async () => {
    const file = await qemuConvert(raw, tmp.file('short.vmdk'), 'vmdk', ['-o', 'subformat=streamOptimized']);
    await run('truncate', ['-s', '2000', file]);
    await withFileSource(file, async (s) => {
      const report = await readInside(s, { format: 'VMDK' });
      expect(report.status).toBe('not-read');
      expect(report.findings[0].code).toBe('disk-invalid');
    });
    const junk = tmp.file('junk.qcow2');
    await run('sh', ['-c', `printf 'QFI\\373' > ${junk}; head -c 4096 /dev/urandom >> ${junk}`]);
    await withFileSource(junk, async (s) => {
      const report = await readInside(s, { format: 'QCOW2' });
      expect(report.status).toBe('not-read');
      expect(report.reason).toBeTruthy();
    });
  });
});
