// Can the user the embedded PostgreSQL runs as reach its data directory? As root, PostgreSQL runs as
// the `postgres` user (it refuses to run as root), which cannot pass through a private folder of
// root's (a `mktemp -d` folder is mode 0700): initdb would then only say "Permission denied".
import { execFileSync } from 'node:child_process';
import { statSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Who {
  name: string;
  uid: number;
  gids: number[];
}

export interface Blocked {
  /** The first folder on the way that `who` may not enter. */
  dir: string;
  mode: number;
  ownerUid: number;
}

type StatFn = (p: string) => Pick<Stats, 'mode' | 'uid' | 'gid' | 'isDirectory'> | null;

const statOrNull: StatFn = (p) => {
  try {
    return statSync(p);
  } catch {
    return null;
  }
};

function mayEnter(s: Pick<Stats, 'mode' | 'uid' | 'gid'>, who: Who): boolean {
  if (who.uid === 0) return true;
  if (s.uid === who.uid) return (s.mode & 0o100) !== 0;
  if (who.gids.includes(s.gid)) return (s.mode & 0o010) !== 0;
  return (s.mode & 0o001) !== 0;
}

/** The first existing folder from `/` down to `dir` that `who` cannot enter, or null. */
export function firstBlockedFolder(dir: string, who: Who, stat: StatFn = statOrNull): Blocked | null {
  const absolute = path.resolve(dir);
  const parts: string[] = [];
  for (let p = absolute; ; p = path.dirname(p)) {
    parts.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of parts) {
    const s = stat(p);
    if (!s) return null; // what does not exist yet is created for PostgreSQL
    if (!s.isDirectory()) return null;
    if (!mayEnter(s, who)) return { dir: p, mode: s.mode & 0o7777, ownerUid: s.uid };
  }
  return null;
}

/** The user PostgreSQL runs as: `postgres` when we are root (null while that user does not exist yet), else ourselves. */
export function postgresRunsAs(): Who | null {
  const uid = process.getuid?.();
  if (uid === undefined) return null; // Windows: no such permission bits
  if (uid !== 0) return { name: os.userInfo().username, uid, gids: process.getgroups?.() ?? [] };
  try {
    return {
      name: 'postgres',
      uid: Number(execFileSync('id', ['-u', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()),
      gids: execFileSync('id', ['-G', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split(/\s+/).map(Number),
    };
  } catch {
    return null;
  }
}

/** What to tell a person whose DATA_DIR the database's user cannot reach. */
export function blockedDataDirMessage(dataDir: string, who: Who, blocked: Blocked): string {
  const mode = blocked.mode.toString(8).padStart(4, '0');
  const asRoot = who.name === 'postgres' && process.getuid?.() === 0;
  return [
    `The embedded PostgreSQL cannot reach its data folder ${dataDir}:`,
    `it runs as the user "${who.name}"${asRoot ? ' (PostgreSQL refuses to run as root)' : ''}, who may not enter ${blocked.dir} (mode ${mode}, owner uid ${blocked.ownerUid}).`,
    'Fix one of:',
    `  • set DATA_DIR to a folder outside it, e.g. DATA_DIR=/var/tmp/appliance-exchange npm start`,
    `  • let that user pass through: chmod o+x ${blocked.dir}`,
    '  • or use your own PostgreSQL: DATABASE_URL=postgresql://user:pass@host:5432/db',
  ].join('\n');
}

/** Throws the message above when the database's user cannot reach `dataDir`. */
export function assertPostgresCanReach(dataDir: string, who: Who | null = postgresRunsAs()): void {
  if (!who) return;
  const blocked = firstBlockedFolder(dataDir, who);
  if (blocked) throw new Error(blockedDataDirMessage(dataDir, who, blocked));
}
