// Peak memory of the OVF parser on descriptors at the size and element limits, each measured in a
// child process of its own so nothing else in the test run counts. A correctness guard: the old
// parser needed ~37 bytes per byte of a long text node (1.2 GiB for a 32 MiB descriptor).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultLimits } from '@/lib/core/inspect/limits';
import { makeTempDir } from './helpers';

const MiB = 2 ** 20;
const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">' +
  '<VirtualSystem ovf:id="vm"><Info>A virtual machine</Info>';
const TAIL = '</VirtualSystem></Envelope>\n';

/** A descriptor of exactly `bytes` bytes: HEAD, `body(room)` padded with a comment, TAIL. */
function descriptorOf(bytes: number, body: (room: number) => string): Buffer {
  const room = bytes - Buffer.byteLength(HEAD + TAIL) - 16;
  const middle = body(room);
  const pad = bytes - Buffer.byteLength(HEAD + middle + TAIL) - 7;
  const doc = Buffer.from(`${HEAD}${middle}<!--${' '.repeat(pad)}-->${TAIL}`);
  expect(doc.byteLength).toBe(bytes);
  return doc;
}

function peakGrowthMiB(name: string, doc: Buffer): { growthMiB: number; outcome: string } {
  const file = tmp.file(name);
  writeFileSync(file, doc);
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'ovf-peak-rss.child.ts'), file], { encoding: 'utf8', maxBuffer: MiB });
  const result = JSON.parse(out) as { before: number; peak: number; outcome: string };
  return { growthMiB: (result.peak - result.before) / MiB, outcome: result.outcome };
}

const limit = defaultLimits.maxDescriptorBytes;
const elements = defaultLimits.maxXmlElements;

describe('OVF parser peak memory at the limits', () => {
  it('the limits are what the README promises: 16 MiB and 50 000 elements', () => {
    expect({ limit, elements }).toEqual({ limit: 16 * MiB, elements: 50_000 });
  });

  // Each shape is a worst case of its own: one huge text node, the most elements the limit allows
  // (each with attribute values as long as the byte limit lets them be), many short elements.
  const shapes: { name: string; body: (room: number) => string; maxGrowthMiB: number }[] = [
    {
      name: 'one text node filling the whole descriptor',
      body: (room) => `<AnnotationSection><Info>i</Info><Annotation>${'a'.repeat(room - 80)}</Annotation></AnnotationSection>`,
      maxGrowthMiB: 96,
    },
    {
      name: 'a non-Latin-1 text node (two-byte string) filling the descriptor',
      body: (room) => `<AnnotationSection><Info>i</Info><Annotation>${'€'.repeat(Math.floor((room - 80) / 3))}</Annotation></AnnotationSection>`,
      maxGrowthMiB: 96,
    },
    {
      name: `${elements - 10} elements with long attribute values`,
      body: (room) => {
        const count = (elements - 10) / 2;
        const value = 'v'.repeat(Math.floor(room / count) - 80);
        return `<ProductSection><Info>p</Info>${`<Property ovf:key="k" ovf:type="string" ovf:value="${value}"/>`.repeat(count - 1)}</ProductSection>`;
      },
      maxGrowthMiB: 96,
    },
    {
      name: `${elements - 10} short elements`,
      body: () => `<ProductSection>${'<Info>x</Info>'.repeat(elements - 10)}</ProductSection>`,
      maxGrowthMiB: 96,
    },
  ];

  for (const shape of shapes) {
    it(`${shape.name}: parses within ${shape.maxGrowthMiB} MiB of peak RSS growth`, () => {
      const doc = descriptorOf(limit, shape.body);
      const { growthMiB, outcome } = peakGrowthMiB(`${shapes.indexOf(shape)}.ovf`, doc);
      console.log(`${shape.name}: ${(doc.byteLength / MiB).toFixed(1)} MiB descriptor, peak RSS growth ${growthMiB.toFixed(0)} MiB (${outcome})`);
      expect(outcome).toMatch(/^parsed/);
      expect(growthMiB, `peak RSS grew by ${growthMiB.toFixed(0)} MiB`).toBeLessThan(shape.maxGrowthMiB);
    });
  }

  it('one byte over the limit is refused before any parsing', () => {
    const doc = descriptorOf(limit + 1, () => '');
    const { outcome } = peakGrowthMiB('over.ovf', doc);
    expect(outcome).toMatch(/refused: the OVF descriptor is 16777217 bytes, more than the 16777216-byte limit/);
  });
});
