import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedSource } from '@/lib/core/inside/sources/cached-source';
import { openFileSource } from '@/lib/core/inside/sources/file-source';
import { openHttpRangeSource } from '@/lib/core/inside/sources/http-range-source';
import { memorySource } from '@/lib/core/inside/sources/memory-source';
import { subSource } from '@/lib/core/inside/sources/sub-source';
import type { ByteSource } from '@/lib/core/inside/types';
import { tempDir } from './fixtures';

const data = new Uint8Array(1_000_000).map((_, i) => (i * 7 + (i >> 8)) & 0xff);

function counting(inner: ByteSource) {
  const calls: [number, number][] = [];
  return {
    calls,
    source: { size: inner.size, name: inner.name, read: (o: number, l: number) => (calls.push([o, l]), inner.read(o, l)) } as ByteSource,
  };
}

describe('byte sources', () => {
  it('memory and sub sources return exactly the asked bytes, fewer only past the end', async () => {
    const m = memorySource(data);
    expect(await m.read(10, 5)).toEqual(data.subarray(10, 15));
    expect((await m.read(data.length - 3, 10)).length).toBe(3);
    const s = subSource(m, 1000, 100);
    expect(await s.read(90, 50)).toEqual(data.subarray(1090, 1100));
    expect(() => subSource(m, data.length - 10, 11)).toThrow(/outside/);
    await expect(m.read(-1, 4)).rejects.toThrow(RangeError);
  });

  it('a file source reads a real file', async () => {
    const tmp = await tempDir('file');
    try {
      await writeFile(tmp.file('f'), data);
      const f = await openFileSource(tmp.file('f'));
      expect(f.size).toBe(data.length);
      expect(await f.read(123_456, 1000)).toEqual(data.subarray(123_456, 124_456));
      expect((await f.read(data.length - 1, 100)).length).toBe(1);
      await f.close();
    } finally {
      await tmp.cleanup();
    }
  });

  it('the block cache serves repeats from memory, coalesces runs, stays bounded and counts bytes', async () => {
    const { calls, source } = counting(memorySource(data));
    const c = cachedSource(source, { blockSize: 4096, maxBlocks: 8 });
    expect(await c.read(5000, 10_000)).toEqual(data.subarray(5000, 15_000));
    expect(calls).toEqual([[4096, 3 * 4096]]); // blocks 1..3 in one request
    expect(await c.read(6000, 100)).toEqual(data.subarray(6000, 6100));
    expect(calls.length).toBe(1);
    expect(c.bytesFetched()).toBe(3 * 4096);
    // Reading 20 blocks through an 8-block cache evicts the first ones.
    expect(await c.read(100_000, 20 * 4096)).toEqual(data.subarray(100_000, 100_000 + 20 * 4096));
    await c.read(5000, 10);
    expect(calls.length).toBe(3);
    // Concurrent readers of one block share one request.
    const before = calls.length;
    await Promise.all([c.read(500_000, 10), c.read(500_010, 10), c.read(500_020, 10)]);
    expect(calls.length).toBe(before + 1);
    expect(c.requests()).toBe(calls.length);
  });

  describe('HTTP Range', () => {
    let server: Server;
    let base: string;
    let ignoreRange = false;
    beforeAll(async () => {
      server = createServer((req, res) => {
        const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
        if (!m || ignoreRange) {
          res.writeHead(200, { 'content-length': data.length });
          return res.end(Buffer.from(data));
        }
        const start = Number(m[1]);
        if (start >= data.length) {
          res.writeHead(416);
          return res.end();
        }
        const end = Math.min(Number(m[2]), data.length - 1);
        res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${data.length}`, 'content-length': end - start + 1 });
        res.end(Buffer.from(data.subarray(start, end + 1)));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bucket/disk.vmdk?X-Amz-Signature=secret`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('learns the size and reads ranges; its name never shows the query string', async () => {
      const s = await openHttpRangeSource(base);
      expect(s.size).toBe(data.length);
      expect(s.name).toBe('disk.vmdk');
      expect(await s.read(999_990, 100)).toEqual(data.subarray(999_990));
      expect(await s.read(400_000, 65536)).toEqual(data.subarray(400_000, 465_536));
    });

    it('refuses a server that ignores Range instead of downloading the whole object', async () => {
      const s = await openHttpRangeSource(base, { size: data.length });
      ignoreRange = true;
      try {
        await expect(s.read(10, 10)).rejects.toThrow(/answered 200/);
      } finally {
        ignoreRange = false;
      }
    });
  });
});
