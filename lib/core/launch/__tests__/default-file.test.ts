import { describe, expect, it } from 'vitest';
import { defaultFileOf } from '@/lib/core/launch/default-file';

describe('defaultFileOf', () => {
  const box = { format: 'VAGRANT_BOX', architecture: 'AMD64', sizeBytes: 922n };
  const raw = { format: 'RAW', architecture: 'AMD64', sizeBytes: 1_048_576n };
  const ova = { format: 'OVA', architecture: 'AMD64', sizeBytes: 20_480n };
  const qcowArm = { format: 'QCOW2', architecture: 'ARM64', sizeBytes: 393_216n };

  it('prefers the OVA, then the format order, never the smallest side file', () => {
    expect(defaultFileOf([box, raw, ova])).toBe(ova);
    expect(defaultFileOf([box, raw])).toBe(raw);
    expect(defaultFileOf([box])).toBe(box);
    expect(defaultFileOf([])).toBeNull();
  });

  it('prefers the wanted architecture over the format, then the largest of one format', () => {
    expect(defaultFileOf([qcowArm, raw])).toBe(raw);
    expect(defaultFileOf([qcowArm, raw], 'arm64')).toBe(qcowArm);
    const big = { format: 'RAW', architecture: 'amd64', sizeBytes: '5000000' };
    expect(defaultFileOf([raw, big])).toBe(big);
  });
});
