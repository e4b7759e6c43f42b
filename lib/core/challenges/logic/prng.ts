/**
 * A tiny seeded PRNG (xmur3 to hash the seed, sfc32 to generate), so that judge assignment is
 * reproducible from a stored seed. Math.random cannot be seeded, and the exact sequence must
 * not depend on the Node version, hence our own.
 */

/** Hashes any string into a stream of 32-bit seeds (xmur3). */
function hashSeed(text: string): () => number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
}

/** Returns a function yielding uniform floats in [0, 1), fully determined by `seed`. */
export function createRandom(seed: string | number): () => number {
  // The type prefix keeps the number 1 and the string "1" from sharing a sequence by accident.
  const next = hashSeed(`${typeof seed}:${String(seed)}`);
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  const random = (): number => {
    // sfc32
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs: sfc32 mixes poorly for a few rounds after seeding.
  for (let i = 0; i < 12; i++) random();
  return random;
}

/** Fisher–Yates shuffle driven by `random`; mutates and returns `items`. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}
