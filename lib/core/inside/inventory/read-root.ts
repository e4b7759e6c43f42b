import { InsideError, isInsideError, throwIfAborted } from '@/lib/core/inside/errors';
import type { FileTree } from '@/lib/core/inside/fs/file-tree';
import type { InsideFinding, InsidePackage, InsideReport, InsideService } from '@/lib/core/inside/types';
import { parseApkInstalled } from './apk';
import { parseDpkgStatus } from './dpkg';
import { parseOsRelease } from './os-release';
import type { Distro } from './purl';

/** Read caps: a hostile image can make each of these files as large as it likes. */
export const LIMITS = {
  osRelease: 64 * 1024,
  dpkgStatus: 48 * 1024 * 1024,
  apkInstalled: 48 * 1024 * 1024,
  rpmSqlite: 256 * 1024 * 1024,
  accounts: 4 * 1024 * 1024,
  authorizedKeys: 1024 * 1024,
  users: 2000,
  services: 5000,
} as const;

export interface RootContents {
  os?: InsideReport['os'];
  kernels: string[];
  packages: InsidePackage[];
  services: InsideService[];
  findings: InsideFinding[];
}

export interface ReadRootOptions {
  tempDir?: string;
  signal?: AbortSignal;
}

const FILE_FINDING: Record<string, InsideFinding['severity']> = {
  'file-too-large': 'low',
  'symlink-loop': 'low',
  'not-a-file': 'low',
  'filesystem-invalid': 'medium',
  'package-database-unreadable': 'low',
};

/** Turns a file-level error into a finding about that file, so one bad file never stops the report. */
function fileFinding(e: InsideError, path: string, what: string): InsideFinding {
  return {
    code: e.code,
    severity: FILE_FINDING[e.code] ?? 'low',
    title: `${what} could not be read`,
    detail: `${e.message}. The report leaves this part out.`,
    paths: [path],
  };
}

/** Runs one step; an InsideError becomes a finding, anything else propagates. */
async function step<T>(findings: InsideFinding[], path: string, what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (isInsideError(e)) {
      findings.push(fileFinding(e, path, what));
      return undefined;
    }
    throw e;
  }
}

/** Everything the report says about one root filesystem. */
export async function readRoot(tree: FileTree, options: ReadRootOptions = {}): Promise<RootContents> {
  const findings: InsideFinding[] = [];
  const out: RootContents = { kernels: [], packages: [], services: [], findings };

  for (const p of ['/etc/os-release', '/usr/lib/os-release']) {
    const text = await step(findings, p, 'The OS release file', () => tree.readText(p, LIMITS.osRelease));
    const os = text ? parseOsRelease(text) : null;
    if (os) {
      out.os = os;
      break;
    }
  }
  const distro: Distro = { id: out.os?.id, versionId: out.os?.versionId };
  throwIfAborted(options.signal);

  out.kernels = await readKernels(tree);

  const dpkg = await step(findings, '/var/lib/dpkg/status', 'The dpkg package database', () => tree.readText('/var/lib/dpkg/status', LIMITS.dpkgStatus));
  if (dpkg) out.packages.push(...parseDpkgStatus(dpkg, distro));
  throwIfAborted(options.signal);
  const apk = await step(findings, '/lib/apk/db/installed', 'The apk package database', () => tree.readText('/lib/apk/db/installed', LIMITS.apkInstalled));
  if (apk) out.packages.push(...parseApkInstalled(apk, distro));
  throwIfAborted(options.signal);
  for (const p of ['/var/lib/rpm/rpmdb.sqlite', '/usr/lib/sysimage/rpm/rpmdb.sqlite']) {
    const db = await step(findings, p, 'The rpm package database', () => tree.readFile(p, LIMITS.rpmSqlite));
    if (!db) continue;
    const { readRpmSqlite } = await import('./rpm');
    const rpms = await step(findings, p, 'The rpm package database', () => readRpmSqlite(db, distro, options.tempDir));
    if (rpms) out.packages.push(...rpms);
    break;
  }
  if (!out.packages.some((p) => p.manager === 'rpm') && (await tree.kind('/var/lib/rpm/Packages'))?.kind === 'file') {
    findings.push({
      code: 'package-database-unreadable',
      severity: 'info',
      title: 'The rpm database is in the old Berkeley DB format',
      detail: 'Only rpm databases in SQLite format (rpm 4.16 and later) are read, so this image’s rpm packages are not listed.',
      paths: ['/var/lib/rpm/Packages'],
    });
  }
  throwIfAborted(options.signal);

  out.services = await readServices(tree);
  findings.push(...(await securityFindings(tree)));
  return out;
}

async function readKernels(tree: FileTree): Promise<string[]> {
  const versions = new Set<string>();
  for (const name of await tree.list('/boot')) {
    const m = /^vmlinu[xz]-(\d.*)$/.exec(name);
    if (m) versions.add(m[1]);
  }
  for (const dir of ['/lib/modules', '/usr/lib/modules']) {
    for (const name of await tree.list(dir)) {
      if (/^\d/.test(name) && (await tree.kind(`${dir}/${name}`))?.kind === 'dir') versions.add(name);
    }
  }
  return [...versions].sort();
}

async function readServices(tree: FileTree): Promise<InsideService[]> {
  const services: InsideService[] = [];
  for (const dir of await tree.list('/etc/systemd/system')) {
    if (!dir.endsWith('.wants')) continue;
    const target = dir.slice(0, -'.wants'.length);
    for (const name of await tree.list(`/etc/systemd/system/${dir}`)) {
      if (services.length >= LIMITS.services) break;
      services.push({ name, init: 'systemd', target });
    }
  }
  for (const runlevel of await tree.list('/etc/runlevels')) {
    for (const name of await tree.list(`/etc/runlevels/${runlevel}`)) {
      if (services.length >= LIMITS.services) break;
      services.push({ name, init: 'openrc', target: runlevel });
    }
  }
  return services.sort((a, b) => a.target.localeCompare(b.target) || a.name.localeCompare(b.name));
}

async function securityFindings(tree: FileTree): Promise<InsideFinding[]> {
  const findings: InsideFinding[] = [];

  const hostKeys: string[] = [];
  for (const name of await tree.list('/etc/ssh')) {
    if (/^ssh_host_[a-z0-9]+_key$/.test(name) && (await tree.kind(`/etc/ssh/${name}`))?.kind === 'file') hostKeys.push(`/etc/ssh/${name}`);
  }
  if (hostKeys.length) {
    findings.push({
      code: 'ssh-host-keys',
      severity: 'high',
      title: `SSH host keys are baked into the image (${hostKeys.length})`,
      detail:
        'Every machine started from this image has the same SSH host keys, so one copy’s private key lets an attacker impersonate all of them. Delete the keys before publishing and let them be generated at first boot (ssh-keygen -A, or cloud-init).',
      paths: hostKeys.sort(),
    });
  }

  const passwd = await step(findings, '/etc/passwd', 'The account list', () => tree.readText('/etc/passwd', LIMITS.accounts));
  const shadow = await step(findings, '/etc/shadow', 'The password file', () => tree.readText('/etc/shadow', LIMITS.accounts));
  const users = (passwd ?? '')
    .split('\n')
    .slice(0, LIMITS.users)
    .map((line) => line.split(':'))
    .filter((f) => f.length >= 7 && f[0]);

  const homes = new Map<string, string>([['root', '/root']]);
  for (const f of users) if (f[5]?.startsWith('/') && f[5] !== '/') homes.set(f[0], f[5]);
  const keyFiles: string[] = [];
  const keyUsers: string[] = [];
  for (const [user, home] of homes) {
    for (const file of ['authorized_keys', 'authorized_keys2']) {
      const p = `${home.replace(/\/+$/, '')}/.ssh/${file}`;
      const st = await step(findings, p, 'An authorized_keys file', () => tree.kind(p));
      if (st?.kind === 'file' && st.size > 0) {
        keyFiles.push(p);
        if (!keyUsers.includes(user)) keyUsers.push(user);
      }
    }
  }
  if (keyFiles.length) {
    findings.push({
      code: 'authorized-keys',
      severity: keyUsers.includes('root') ? 'high' : 'medium',
      title: `SSH keys are authorized to log in as ${keyUsers.join(', ')}`,
      detail:
        'Whoever holds the matching private keys can log in to every machine started from this image. Remove authorized_keys before publishing and inject users’ keys at first boot instead.',
      paths: keyFiles,
    });
  }

  // Passwords: only whether one is empty or set, never the hash itself.
  const empty: string[] = [];
  let rootSet = false;
  const shadowUsers = (shadow ?? '').split('\n').slice(0, LIMITS.users).map((l) => l.split(':'));
  for (const f of shadowUsers) {
    if (f.length < 2 || !f[0]) continue;
    if (f[1] === '') empty.push(f[0]);
    else if (f[0] === 'root' && !/^[!*]/.test(f[1])) rootSet = true;
  }
  for (const f of users) if (f[1] === '' && !empty.includes(f[0])) empty.push(f[0]);
  if (empty.length) {
    findings.push({
      code: 'empty-password',
      severity: 'high',
      title: `Accounts without a password: ${empty.slice(0, 20).join(', ')}${empty.length > 20 ? ', …' : ''}`,
      detail: 'These accounts accept a login with no password at all (console, and SSH where it permits empty passwords). Lock them (passwd -l) or set a password at first boot.',
      paths: [shadow !== undefined && shadowUsers.some((f) => f[1] === '') ? '/etc/shadow' : '/etc/passwd'],
    });
  }
  if (rootSet) {
    findings.push({
      code: 'root-password-set',
      severity: 'medium',
      title: 'A root password is set in the image',
      detail:
        'Every copy of this image shares the same root password, which anyone who knows it (or cracks it) can use. Lock root (passwd -l root) and let each user set credentials at first boot.',
      paths: ['/etc/shadow'],
    });
  }
  return findings;
}
