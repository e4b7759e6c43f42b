import { mkdir } from 'node:fs/promises';
import { PLAYERS, planLaunch, renderPlan, type LaunchPlan, type Player } from '@/lib/core/launch';
import type { ApiFile } from '@/apx/api-types';
import {
  chooseFile,
  getVersionFiles,
  hostArchitecture,
  launchInputFor,
  resolveAppliance,
  parseArchitecture,
  parseFormat,
  toLaunchFile,
  type FileChoice,
} from '@/apx/catalog';
import type { Context } from '@/apx/context';
import { CliError, isCliError } from '@/apx/exit-codes';
import { parseReference, versionCacheDir } from '@/apx/reference';
import { findExecutable, installHint, missingTools, runPlan } from '@/apx/run-plan';
import { ensureLocalFile } from './pull';

export interface LaunchOptions {
  player?: Player;
  format?: string;
  arch?: string;
  dryRun?: boolean;
  headless?: boolean;
  fresh?: boolean;
}

/** The program that starts each player; its presence decides which player apx picks by default. */
const PLAYER_BINARIES: Record<Player, (file: ApiFile) => string> = {
  qemu: (file) => (file.architecture.toLowerCase() === 'arm64' ? 'qemu-system-aarch64' : file.architecture.toLowerCase() === 'i386' ? 'qemu-system-i386' : 'qemu-system-x86_64'),
  virtualbox: () => 'VBoxManage',
  vmware: () => 'ovftool',
  vagrant: () => 'vagrant',
};

/**
 * No --player: the first of QEMU, VirtualBox, VMware and Vagrant that is installed and can run a
 * file of the appliance. A dry run with nothing installed still shows the best plan.
 */
async function pickPlayer(ctx: Context, files: ApiFile[], choice: FileChoice, what: string, dryRun: boolean): Promise<{ player: Player; file: ApiFile }> {
  const runnable: { player: Player; file: ApiFile }[] = [];
  for (const player of PLAYERS) {
    try {
      runnable.push({ player, file: chooseFile(files, { ...choice, player }, what) });
    } catch (e) {
      if (!isCliError(e) || e.exit !== 'UNSUPPORTED') throw e;
    }
  }
  if (!runnable.length) throw new CliError('UNSUPPORTED', `No player apx knows can run ${what}${choice.format ? ` as ${choice.format.toLowerCase()}` : ''}.`);
  for (const candidate of runnable) {
    if (await findExecutable(PLAYER_BINARIES[candidate.player](candidate.file), ctx.io.env, ctx.io.platform)) return candidate;
  }
  if (dryRun) return runnable[0];
  const first = runnable[0];
  const binary = PLAYER_BINARIES[first.player](first.file);
  throw new CliError('PLAYER_MISSING', `No player for ${what} is installed (looked for ${runnable.map((r) => PLAYER_BINARIES[r.player](r.file)).join(', ')}).`, {
    hint: installHint(binary),
  });
}

/** Without a display there is no window to open: QEMU and VirtualBox then run headless. */
function needsHeadless(ctx: Context): boolean {
  const { env, platform } = ctx.io;
  return platform !== 'darwin' && platform !== 'win32' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

export async function launchCommand(ctx: Context, reference: string, options: LaunchOptions): Promise<void> {
  const ref = parseReference(reference);
  const format = options.format ? parseFormat(options.format) : undefined;
  const arch = options.arch ? parseArchitecture(options.arch) : undefined;
  const client = await ctx.client();
  const { detail, version } = await resolveAppliance(client, ref, ctx.io.signal);
  const what = `${ref.publisher}/${ref.appliance}@${version}`;
  const files = await getVersionFiles(client, ref, version, detail, ctx.io.signal);
  const choice: FileChoice = { format, arch, hostArch: hostArchitecture(ctx.io.arch) };
  const { player, file } = options.player
    ? { player: options.player, file: chooseFile(files, { ...choice, player: options.player }, what) }
    : await pickPlayer(ctx, files, choice, what, !!options.dryRun);
  const input = launchInputFor(client.site, { ...ref, version }, detail, file);

  if (options.dryRun) {
    // Exactly what the site's launch panel shows for this file and player.
    const plan = planLaunch(input, player, { headless: options.headless });
    const text = renderPlan(plan);
    if (ctx.json) ctx.result({ plan, text }, () => '');
    else ctx.io.stdout.write(text);
    if (!plan.supported) throw new CliError('UNSUPPORTED', `${player} cannot run ${file.fileName}: ${plan.reason}`);
    return;
  }

  let headless = !!options.headless;
  if (!headless && (player === 'qemu' || player === 'virtualbox') && needsHeadless(ctx)) {
    headless = true;
    ctx.info('No display found (DISPLAY is not set): starting headless, the serial console is this terminal.');
  }
  const plan: LaunchPlan = planLaunch(input, player, { headless });
  if (!plan.supported) throw new CliError('UNSUPPORTED', `${player} cannot run ${file.fileName}: ${plan.reason}`);
  const launchFile = toLaunchFile(file);
  const missing = (await missingTools(ctx, plan, launchFile)).filter((m) => !m.optional);
  if (missing.length) {
    throw new CliError('PLAYER_MISSING', `${missing.map((m) => m.tool).join(', ')} ${missing.length > 1 ? 'are' : 'is'} needed to launch with ${player} but not installed.`, {
      hint: installHint(missing[0].tool),
    });
  }

  let dir: string;
  if (player === 'vagrant') {
    // Vagrant downloads the box itself from the site's catalog and checks its SHA-256.
    dir = versionCacheDir(ctx.cacheRoot, ref.publisher, ref.appliance, version);
    await mkdir(dir, { recursive: true });
  } else {
    const local = await ensureLocalFile(ctx, client, { ...ref, version }, file, { keepModified: true });
    dir = local.dir;
    if (local.cached) ctx.info(`Using ${local.path} (verified).`);
  }

  if (ctx.json) ctx.result({ appliance: `${ref.publisher}/${ref.appliance}`, version, player, file: { id: file.id, fileName: file.fileName }, dir, plan }, () => '');
  const code = await runPlan(ctx, plan, { dir, file: launchFile, fresh: options.fresh });
  if (code === 130) throw new CliError('INTERRUPTED', 'Interrupted.');
  if (code !== 0) throw new CliError('ERROR', `${plan.steps.at(-1)!.argv[0]} exited with status ${code}.`);
}
