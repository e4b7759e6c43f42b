import { u32be } from '@/lib/core/inside/disk/bytes';

const TAG = { name: 1000, version: 1001, release: 1002, epoch: 1003, license: 1014, arch: 1022, sourceRpm: 1044 } as const;
const STRING = 6;
const INT32 = 4;
const I18NSTRING = 9;
const STRING_ARRAY = 8;

export interface RpmHeader {
  name?: string;
  version?: string;
  release?: string;
  epoch?: number;
  arch?: string;
  license?: string;
  sourceRpm?: string;
}

/** One header blob as rpm stores it in rpmdb.sqlite: index count, data length, index, data. */
export function parseRpmHeader(blob: Uint8Array): RpmHeader | null {
  if (blob.length < 8) return null;
  const il = u32be(blob, 0);
  const dl = u32be(blob, 4);
  const dataAt = 8 + il * 16;
  if (il > 0x10000 || dataAt + dl > blob.length) return null;
  const data = blob.subarray(dataAt, dataAt + dl);
  const out: RpmHeader = {};
  const decoder = new TextDecoder();
  for (let i = 0; i < il; i++) {
    const e = 8 + i * 16;
    const tag = u32be(blob, e);
    const type = u32be(blob, e + 4);
    const offset = u32be(blob, e + 8);
    if (offset >= data.length) continue;
    const str = () => {
      if (type !== STRING && type !== I18NSTRING && type !== STRING_ARRAY) return undefined;
      const end = data.indexOf(0, offset);
      return decoder.decode(data.subarray(offset, end < 0 ? Math.min(data.length, offset + 1024) : end)).slice(0, 1024);
    };
    switch (tag) {
      case TAG.name:
        out.name = str();
        break;
      case TAG.version:
        out.version = str();
        break;
      case TAG.release:
        out.release = str();
        break;
      case TAG.arch:
        out.arch = str();
        break;
      case TAG.license:
        out.license = str();
        break;
      case TAG.sourceRpm:
        out.sourceRpm = str();
        break;
      case TAG.epoch:
        if (type === INT32 && offset + 4 <= data.length) out.epoch = u32be(data, offset);
        break;
    }
  }
  return out;
}

/** Builds a header blob (tests and fixtures: the inverse of parseRpmHeader for the tags it reads). */
export function buildRpmHeader(h: RpmHeader): Uint8Array {
  const entries: { tag: number; type: number; bytes: Uint8Array }[] = [];
  const enc = new TextEncoder();
  const addString = (tag: number, v?: string) => v !== undefined && entries.push({ tag, type: STRING, bytes: enc.encode(v + '\0') });
  addString(TAG.name, h.name);
  addString(TAG.version, h.version);
  addString(TAG.release, h.release);
  if (h.epoch !== undefined) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, h.epoch);
    entries.push({ tag: TAG.epoch, type: INT32, bytes: b });
  }
  addString(TAG.license, h.license);
  addString(TAG.arch, h.arch);
  addString(TAG.sourceRpm, h.sourceRpm);
  entries.sort((a, b) => a.tag - b.tag);
  let dl = 0;
  const offsets = entries.map((e) => {
    if (e.type === INT32) dl = Math.ceil(dl / 4) * 4;
    const at = dl;
    dl += e.bytes.length;
    return at;
  });
  const out = new Uint8Array(8 + entries.length * 16 + dl);
  const view = new DataView(out.buffer);
  view.setUint32(0, entries.length);
  view.setUint32(4, dl);
  entries.forEach((e, i) => {
    view.setUint32(8 + i * 16, e.tag);
    view.setUint32(12 + i * 16, e.type);
    view.setUint32(16 + i * 16, offsets[i]);
    view.setUint32(20 + i * 16, 1);
    out.set(e.bytes, 8 + entries.length * 16 + offsets[i]);
  });
  return out;
}
