import { planLaunch, playersFor, type LaunchFile, type LaunchFileFormat, type LaunchInput, type Player } from '@/lib/core/launch';
import { compareDefaultFiles } from '@/lib/core/launch/default-file';
import { compareVersions, isValidVersion } from '@/lib/core/versions';
import { seg, type ApiClient } from './api-client';
import {
  applianceDetailSchema,
  fileListSchema,
  fileSchema,
  latestVersionOf,
  type ApiFile,
  type ApiVersion,
  type ApplianceDetail,
  versionListSchema,
} from './api-types';
import { CliError } from './exit-codes';
import type { ApplianceRef } from './reference';

export const FORMATS: readonly LaunchFileFormat[] = ['OVA', 'OVF', 'VMDK', 'QCOW2', 'RAW', 'ISO', 'VAGRANT_BOX'];
export const ARCHITECTURES = ['amd64', 'arm64', 'i386'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

const FORMAT_ALIASES: Record<string, LaunchFileFormat> = {
  ova: 'OVA',
  ovf: 'OVF',
  vmdk: 'VMDK',
  qcow2: 'QCOW2',
  qcow: 'QCOW2',
  raw: 'RAW',
  img: 'RAW',
  iso: 'ISO',
  box: 'VAGRANT_BOX',
  vagrant: 'VAGRANT_BOX',
  vagrant_box: 'VAGRANT_BOX',
  'vagrant-box': 'VAGRANT_BOX',
};

const ARCH_ALIASES: Record<string, Architecture> = {
  amd64: 'amd64',
  x86_64: 'amd64',
  x64: 'amd64',
  arm64: 'arm64',
  aarch64: 'arm64',
  i386: 'i386',
  i686: 'i386',
  x86: 'i386',
  ia32: 'i386',
};

export function parseFormat(value: string): LaunchFileFormat {
  const format = Object.hasOwn(FORMAT_ALIASES, value.toLowerCase()) ? FORMAT_ALIASES[value.toLowerCase()] : undefined;
  if (!format) throw new CliError('USAGE', `Unknown format ${JSON.stringify(value)}.`, { hint: 'Use one of: ova, ovf, vmdk, qcow2, raw, iso, box.' });
  return format;
}

export function parseArchitecture(value: string): Architecture {
  const arch = hostArchitecture(value);
  if (!arch) throw new CliError('USAGE', `Unknown architecture ${JSON.stringify(value)}.`, { hint: 'Use one of: amd64, arm64, i386.' });
  return arch;
}

/** An architecture name in any common spelling (Node's process.arch, uname, Vagrant), or undefined. */
export function hostArchitecture(name: string): Architecture | undefined {
  return Object.hasOwn(ARCH_ALIASES, name.toLowerCase()) ? ARCH_ALIASES[name.toLowerCase()] : undefined;
}

export function fileFormat(file: ApiFile): LaunchFileFormat | undefined {
  const format = file.format.toUpperCase();
  return (FORMATS as readonly string[]).includes(format) ? (format as LaunchFileFormat) : undefined;
}

export function fileArchitecture(file: ApiFile): string {
  return file.architecture.toLowerCase();
}

/** The launch library's view of an API file. */
export function toLaunchFile(file: ApiFile): LaunchFile {
  return {
    id: file.id,
    format: (fileFormat(file) ?? file.format) as LaunchFileFormat,
    fileName: file.fileName,
    sha256: file.sha256 ?? '',
    architecture: fileArchitecture(file) as LaunchFile['architecture'],
    provider: file.provider || null,
    diskNames: file.diskNames ?? undefined,
    ovfName: file.ovfName ?? null,
  };
}

export async function getAppliance(client: ApiClient, ref: ApplianceRef, signal?: AbortSignal): Promise<ApplianceDetail> {
  return client.get(`/api/v1/appliances/${seg(ref.publisher)}/${seg(ref.appliance)}`, {
    schema: applianceDetailSchema,
    context: `Looking up ${ref.publisher}/${ref.appliance}`,
    signal,
  });
}

const isReleased = (v: ApiVersion) => !v.status || v.status.toUpperCase() === 'RELEASED';

/** The appliance's versions (newest first), from the detail when it carries them, else from /versions. */
export async function getVersions(client: ApiClient, ref: ApplianceRef, detail: ApplianceDetail, signal?: AbortSignal): Promise<ApiVersion[]> {
  if (detail.versions) return detail.versions;
  const versions: ApiVersion[] = [];
  let cursor: string | null | undefined;
  for (let page = 0; page < 10; page++) {
    const list = await client.get(`/api/v1/appliances/${seg(ref.publisher)}/${seg(ref.appliance)}/versions`, {
      query: { limit: 100, cursor },
      schema: versionListSchema,
      context: `Listing the versions of ${ref.publisher}/${ref.appliance}`,
      signal,
    });
    versions.push(...list.items);
    cursor = list.nextCursor;
    if (!cursor) break;
  }
  return versions;
}

/**
 * The version to use: the one asked for, else the newest released one. Versions the site lists as
 * revoked or draft are not picked by default.
 */
export function pickVersion(detail: ApplianceDetail, ref: ApplianceRef, versions: ApiVersion[] = detail.versions ?? []): string {
  const name = `${ref.publisher}/${ref.appliance}`;
  if (ref.version) {
    const listed = versions.find((v) => v.version === ref.version);
    if (versions.length && !listed) {
      throw new CliError('NOT_FOUND', `${name} has no version ${ref.version}.`, { hint: `Versions: ${versions.map((v) => v.version).join(', ')}` });
    }
    if (listed?.status?.toUpperCase() === 'REVOKED') throw new CliError('NOT_FOUND', `${name}@${ref.version} was revoked by its publisher.`);
    return ref.version;
  }
  const released = versions.filter(isReleased).map((v) => v.version).filter((v) => isValidVersion(v));
  if (released.length) return released.sort(compareVersions).at(-1)!;
  const latest = latestVersionOf(detail);
  if (latest) return latest;
  throw new CliError('NOT_FOUND', `${name} has no released version yet.`);
}

/** The appliance, its versions and the version to use (asked for, else the newest released). */
export async function resolveAppliance(client: ApiClient, ref: ApplianceRef, signal?: AbortSignal) {
  const detail = await getAppliance(client, ref, signal);
  const versions = await getVersions(client, ref, detail, signal);
  return { detail, versions, version: pickVersion(detail, ref, versions) };
}

export async function getVersionFiles(client: ApiClient, ref: ApplianceRef, version: string, detail?: ApplianceDetail, signal?: AbortSignal): Promise<ApiFile[]> {
  const embedded = detail?.versions?.find((v) => v.version === version)?.files;
  const files =
    (Array.isArray(embedded) ? embedded : undefined) ??
    (
      await client.get(`/api/v1/appliances/${seg(ref.publisher)}/${seg(ref.appliance)}/versions/${seg(version)}/files`, {
        schema: fileListSchema,
        context: `Listing the files of ${ref.publisher}/${ref.appliance}@${version}`,
        signal,
      })
    ).items;
  return Promise.all(files.map((file) => completeFile(client, file, signal)));
}

/**
 * A list may carry less than the file's own endpoint (no disk names, no hardware); the launch
 * plans need both, so such files are read one by one. A file that cannot be read stays as listed.
 */
async function completeFile(client: ApiClient, file: ApiFile, signal?: AbortSignal): Promise<ApiFile> {
  const verified = !file.status || file.status.toUpperCase() === 'VERIFIED';
  const needsDisks = (fileFormat(file) === 'OVA' || fileFormat(file) === 'OVF') && file.diskNames == null;
  if (!verified || (!needsDisks && file.hardware != null)) return file;
  try {
    return await client.get(`/api/v1/files/${seg(file.id)}`, { schema: fileSchema, context: 'Reading the file', signal });
  } catch {
    return file;
  }
}

const PLAYER_ORDER: Record<Player, LaunchFileFormat[]> = {
  qemu: ['QCOW2', 'RAW', 'VMDK', 'OVA', 'OVF', 'ISO'],
  virtualbox: ['OVA', 'OVF', 'VMDK', 'RAW', 'QCOW2', 'ISO'],
  vmware: ['OVA', 'OVF', 'VMDK'],
  vagrant: ['VAGRANT_BOX'],
};

export interface FileChoice {
  format?: LaunchFileFormat;
  arch?: Architecture;
  player?: Player;
  hostArch?: Architecture;
}

function describe(choice: FileChoice): string {
  const parts = [choice.format, choice.arch].filter(Boolean).join(', ');
  return parts ? ` (${parts})` : '';
}

/**
 * Picks one verified file: filtered by format and architecture when given, runnable by the player
 * when given, then this machine's architecture first and the player's favourite format first.
 */
export function chooseFile(files: ApiFile[], choice: FileChoice, what: string): ApiFile {
  const verified = files.filter((f) => !f.status || f.status.toUpperCase() === 'VERIFIED');
  if (!verified.length) throw new CliError('NOT_FOUND', `${what} has no verified file to download yet.`);
  let candidates = verified.filter(
    (f) => (!choice.format || fileFormat(f) === choice.format) && (!choice.arch || fileArchitecture(f) === choice.arch),
  );
  if (!candidates.length) {
    throw new CliError('NOT_FOUND', `${what} has no file${describe(choice)}.`, {
      hint: `Available: ${verified.map((f) => `${f.format.toLowerCase()}/${fileArchitecture(f)}`).join(', ')}.`,
    });
  }
  if (choice.player) {
    const player = choice.player;
    const runnable = candidates.filter((f) => playersFor(toLaunchFile(f)).includes(player));
    if (!runnable.length) {
      const reason = planLaunch(launchProbe(candidates[0]), player).reason;
      throw new CliError('UNSUPPORTED', `${player} cannot run any file of ${what}${describe(choice)}${reason ? `: ${reason}` : '.'}`);
    }
    candidates = runnable;
  }
  // Without a player: the site's default file (the size search shows), this machine's build first.
  if (!choice.player) return [...candidates].sort((a, b) => compareDefaultFiles(a, b, choice.hostArch ?? 'amd64'))[0];
  const order = PLAYER_ORDER[choice.player];
  const rank = (f: ApiFile) => {
    const formatRank = order.indexOf(fileFormat(f) ?? 'OVA');
    const archRank = choice.hostArch && fileArchitecture(f) === choice.hostArch ? 0 : 1;
    return archRank * 100 + (formatRank < 0 ? 50 : formatRank);
  };
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}

function launchProbe(file: ApiFile): LaunchInput {
  return { siteUrl: 'http://localhost', publisher: 'p', appliance: 'a', version: '1', file: toLaunchFile(file), hardware: {} };
}

/** What planLaunch needs, from what the API said about the appliance and the file. */
export function launchInputFor(site: string, ref: Required<ApplianceRef>, detail: ApplianceDetail, file: ApiFile): LaunchInput {
  return {
    siteUrl: site,
    publisher: ref.publisher,
    appliance: ref.appliance,
    version: ref.version,
    file: toLaunchFile(file),
    hardware: {
      cpus: file.hardware?.cpus ?? detail.requirements?.cpus ?? null,
      memoryMiB: file.hardware?.memoryMiB ?? detail.requirements?.memoryMiB ?? null,
    },
  };
}
