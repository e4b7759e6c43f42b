// Mutated and cut-down packages: whatever the damage, a report comes back, never a throw, a hang or a bug code.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOvf } from '@/lib/core/inspect/index';
import { InspectError } from '@/lib/core/inspect/errors';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chunked, makeOvf, makeTempDir, manifestLine, packTar } from './helpers';
import { inspectStream } from '@/lib/core/inspect/index';

const disk = Buffer.concat([Buffer.from('DISK'), randomBytes(3000)]);
const ovf = makeOvf({ files: [{ href: 'disk1.vmdk', size: disk.byteLength }] });

async function samples(): Promise<Buffer[]> {
  const ova = await packTar([
    { name: 'a.ovf', data: ovf },
    { name: 'a.mf', data: manifestLine('SHA256', 'a.ovf', ovf) + manifestLine('SHA256', 'disk1.vmdk', disk) },
    { name: 'disk1.vmdk', data: disk },
  ]);
  const box = gzipSync(await packTar([{ name: 'metadata.json', data: '{"provider":"libvirt"}' }, { name: 'box.img', data: disk }]));
  const out = [ova, box];
  {
    // Piped zip: deflated members with data descriptors, the trickiest zip path.
    const tmp = makeTempDir();
    writeFileSync(tmp.file('a.ovf'), ovf);
    writeFileSync(tmp.file('disk1.vmdk'), disk);
    out.push(execFileSync('sh', ['-c', 'zip -q - a.ovf disk1.vmdk | cat'], { cwd: tmp.dir }));
    tmp.cleanup();
  }
  return out;
}

describe('damaged inputs never break the inspector', () => {
  it('flipped bytes, cuts and odd chunk sizes always give a report with a known code', async () => {
    const bases = await samples();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bases.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.option(fc.nat()),
        fc.integer({ min: 1, max: 5000 }),
        async (which, flips, cut, chunkSize) => {
          const bytes = Buffer.from(bases[which]);
          for (const [at, value] of flips) bytes[at % bytes.byteLength] = value;
          const input = cut === null ? bytes : bytes.subarray(0, cut % bytes.byteLength);
          const report = await inspectStream(chunked(input, chunkSize), { fileName: 'fuzz.bin' });
          expect(report.size).toBe(input.byteLength);
          expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
          expect(report.code).not.toBe('INTERNAL_ERROR');
          if (report.verdict === 'REJECTED') expect(report.reason).toBeTruthy();
        },
      ),
      { numRuns: Number(process.env.INSPECT_FUZZ_RUNS ?? 200) },
    );
  });

  it('parseOvf on mutated descriptors returns or refuses with InspectError, nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 })), { maxLength: 6 }), (edits) => {
        let xml = ovf;
        for (const [at, text] of edits) {
          const i = at % xml.length;
          xml = xml.slice(0, i) + text + xml.slice(i + 1);
        }
        try {
          parseOvf(xml);
        } catch (err) {
          expect(err).toBeInstanceOf(InspectError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
