// Node-only (loaded lazily): rpm's sqlite database, read with node:sqlite from a private temp copy.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InsideError } from '@/lib/core/inside/errors';
import type { InsidePackage } from '@/lib/core/inside/types';
import { packageUrl, type Distro } from './purl';
import { parseRpmHeader } from './rpm-header';

const MAX_PACKAGES = 100_000;

export async function readRpmSqlite(bytes: Uint8Array, distro: Distro, tempDir?: string): Promise<InsidePackage[]> {
  const { DatabaseSync } = await import('node:sqlite');
  const dir = await mkdtemp(path.join(tempDir ?? os.tmpdir(), 'inside-rpm-'));
  const file = path.join(dir, 'rpmdb.sqlite');
  try {
    await writeFile(file, bytes, { mode: 0o600 });
    let db: InstanceType<typeof DatabaseSync>;
    try {
      db = new DatabaseSync(file, { readOnly: true });
    } catch {
      throw new InsideError('package-database-unreadable', 'rpmdb.sqlite is not a valid SQLite database');
    }
    try {
      let rows: { blob: Uint8Array }[];
      try {
        rows = db.prepare(`SELECT blob FROM Packages LIMIT ${MAX_PACKAGES}`).all() as { blob: Uint8Array }[];
      } catch {
        throw new InsideError('package-database-unreadable', 'rpmdb.sqlite has no readable Packages table');
      }
      const out: InsidePackage[] = [];
      for (const row of rows) {
        const h = row.blob instanceof Uint8Array ? parseRpmHeader(row.blob) : null;
        if (!h?.name || !h.version || h.name === 'gpg-pubkey') continue;
        const version = h.release ? `${h.version}-${h.release}` : h.version;
        const epoch = h.epoch ? String(h.epoch) : undefined;
        out.push({
          manager: 'rpm',
          name: h.name,
          version: epoch ? `${epoch}:${version}` : version,
          arch: h.arch,
          source: h.sourceRpm,
          license: h.license,
          purl: packageUrl('rpm', { name: h.name, version, arch: h.arch, epoch }, distro),
        });
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    } finally {
      db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
