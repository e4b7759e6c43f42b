import { createHash, type Hash } from 'node:crypto';

export type DigestAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export const MANIFEST_ALGORITHMS: readonly DigestAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

const NODE_NAMES: Record<DigestAlgorithm, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };

export const HEX_LENGTH: Record<DigestAlgorithm, number> = { SHA1: 40, SHA256: 64, SHA512: 128 };

/** Hashes one member with several algorithms at once, so a manifest read later can still be checked. */
export class MultiHasher {
  private readonly hashes: [DigestAlgorithm, Hash][];

  constructor(algorithms: Iterable<DigestAlgorithm>) {
    this.hashes = [...new Set(algorithms)].map((a) => [a, createHash(NODE_NAMES[a])]);
  }

  update(chunk: Uint8Array): void {
    for (const [, hash] of this.hashes) hash.update(chunk);
  }

  digest(): Partial<Record<DigestAlgorithm, string>> {
    const out: Partial<Record<DigestAlgorithm, string>> = {};
    for (const [algorithm, hash] of this.hashes) out[algorithm] = hash.digest('hex');
    return out;
  }
}
