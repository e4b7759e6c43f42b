import type { InsidePackage } from './types';

export interface PackageDiff {
  added: InsidePackage[];
  removed: InsidePackage[];
  upgraded: { name: string; from: string; to: string }[];
}

/** Key a package by manager, name and architecture: the same name in two arches is two packages. */
function key(p: InsidePackage): string {
  return `${p.manager}\u0000${p.name}\u0000${p.arch ?? ''}`;
}

/**
 * What changed between two versions' inventories. `upgraded` lists every version change of a
 * package present in both (a downgrade is listed too: from and to say which way it went).
 */
export function diffPackages(a: InsidePackage[], b: InsidePackage[]): PackageDiff {
  const before = new Map(a.map((p) => [key(p), p]));
  const after = new Map(b.map((p) => [key(p), p]));
  const added: InsidePackage[] = [];
  const removed: InsidePackage[] = [];
  const upgraded: PackageDiff['upgraded'] = [];
  for (const [k, p] of after) {
    const old = before.get(k);
    if (!old) added.push(p);
    else if (old.version !== p.version) upgraded.push({ name: p.name, from: old.version, to: p.version });
  }
  for (const [k, p] of before) if (!after.has(k)) removed.push(p);
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
  return { added: added.sort(byName), removed: removed.sort(byName), upgraded: upgraded.sort(byName) };
}
