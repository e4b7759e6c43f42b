import { closeSync, constants, openSync } from 'node:fs';
import { access, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { shellCommand, type LaunchFile, type LaunchPlan, type LaunchStep } from '@/lib/core/launch';
import { readCacheState, statOrNull, writeCacheState } from './cache';
import type { Context } from './context';
import { CliError } from './exit-codes';
import type { Env, OutputStream } from './io';
import { extractOvaMembers } from './ova';

const INSTALL_HINTS: [RegExp, string][] = [
  [/^qemu-/, 'Install QEMU: sudo apt install qemu-system-x86 qemu-utils (Debian, Ubuntu), sudo dnf install qemu (Fedora), brew install qemu (macOS), or see https://www.qemu.org/download/'],
  [/^VBoxManage$/, 'Install VirtualBox from https://www.virtualbox.org/wiki/Downloads (VBoxManage comes with it).'],
  [/^(ovftool|vmplayer|vmware|vmrun|vmware-vdiskmanager)$/, 'Install VMware Workstation Player and the VMware OVF Tool from https://www.vmware.com/'],
  [/^vagrant$/, 'Install Vagrant from https://developer.hashicorp.com/vagrant/install (or sudo apt install vagrant).'],
  [/^unzip$/, 'Install unzip (sudo apt install unzip).'],
  [/^tar$/, 'Install tar.'],
];

export function installHint(tool: string): string {
  return INSTALL_HINTS.find(([pattern]) => pattern.test(tool))?.[1] ?? `Install ${tool} and make sure it is on your PATH.`;
}

/** The full path of `command` on PATH, or null. */
export async function findExecutable(command: string, env: Env, platform: string): Promise<string | null> {
  if (command.includes('/') || command.includes('\\')) return (await isExecutable(command)) ? command : null;
  const dirs = (env.PATH ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const extensions = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of dirs) {
    for (const ext of extensions) {
      const candidate = path.join(dir, command + ext);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await statOrNull(file))?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** `tar -xf <the OVA> [--] <members…>`: done by apx itself (see extractOvaMembers), not by a system tar. */
export function ovaExtraction(step: LaunchStep, file: LaunchFile): { ova: string; members: string[] } | null {
  const [tool, flag, archive, ...rest] = step.argv;
  if (tool !== 'tar' || flag !== '-xf' || file.format !== 'OVA') return null;
  if (archive !== file.fileName && archive !== `./${file.fileName}`) return null;
  return { ova: file.fileName, members: rest[0] === '--' ? rest.slice(1) : rest };
}

/** Files a step creates, to tell whether a step recorded as done still has its result. */
function stepOutputs(step: LaunchStep, file: LaunchFile): string[] {
  const extraction = ovaExtraction(step, file);
  if (extraction) return extraction.members;
  const [tool, sub] = step.argv;
  if (tool === 'qemu-img' && sub === 'convert') return [step.argv.at(-1)!];
  if (tool === 'qemu-img' && sub === 'create') return [step.argv.at(-2)!];
  return [];
}

/** Tools the plan runs that are not installed; the OVA extraction needs none. */
export async function missingTools(ctx: Context, plan: LaunchPlan, file: LaunchFile): Promise<{ tool: string; optional: boolean }[]> {
  const missing: { tool: string; optional: boolean }[] = [];
  const seen = new Set<string>();
  for (const step of plan.steps) {
    if (ovaExtraction(step, file)) continue;
    const tool = step.argv[0];
    if (seen.has(tool)) continue;
    seen.add(tool);
    if (!(await findExecutable(tool, ctx.io.env, ctx.io.platform))) missing.push({ tool, optional: !!step.optional });
  }
  return missing;
}

/**
 * A tool's stdout through a temporary file that apx follows and copies to `out`. QEMU writes its
 * serial console one byte per write(2) and makes its stdout non-blocking: on the socket pair Node
 * gives a child for 'pipe' that is full after a few hundred bytes, and when apx is not scheduled
 * for a moment (a loaded machine) QEMU gets EAGAIN, retries four times and drops the rest — a boot
 * that stopped at SeaBIOS's "Booting from Ha". A file never refuses a write.
 */
async function followedOutput(out: OutputStream): Promise<{ fd: number; finish(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'apx-output-'));
  const file = path.join(dir, 'stdout');
  const fd = openSync(file, 'a');
  const reader = await open(file, 'r');
  let ended = false;
  const copying = (async () => {
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await reader.read(buffer, 0, buffer.length, null);
      if (bytesRead > 0) out.write(Buffer.from(buffer.subarray(0, bytesRead)));
      else if (ended) return;
      else await sleep(20);
    }
  })();
  return {
    fd,
    async finish() {
      ended = true;
      closeSync(fd);
      await copying.finally(() => reader.close());
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a tool with an argv (never a shell) in `cwd`; resolves with its exit code, or the signal that ended it. */
async function runTool(ctx: Context, argv: string[], cwd: string, interactive: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  // A terminal is handed over as it is (QEMU's serial console wants it). Anything else — a pipe,
  // a file — is copied through apx: a player must not share apx's own pipe (Node makes it
  // non-blocking), nor write to a socket pair apx reads (see followedOutput).
  const pipeAll = ctx.io.childStdio === 'pipe';
  const stdout = pipeAll || !ctx.io.stdout.isTTY ? await followedOutput(ctx.io.stdout) : null;
  const copyErr = pipeAll || !ctx.io.stderr.isTTY;
  try {
    return await new Promise((resolve, reject) => {
      const child = ctx.io.spawn(argv[0], argv.slice(1), {
        cwd,
        stdio: [interactive && !pipeAll ? 'inherit' : 'ignore', stdout ? stdout.fd : 'inherit', copyErr ? 'pipe' : 'inherit'],
        env: ctx.io.env as NodeJS.ProcessEnv,
      });
      if (copyErr) child.stderr?.on('data', (chunk: Buffer) => ctx.io.stderr.write(chunk));
      // Ctrl-C or a SIGTERM to apx reaches the tool as SIGTERM; apx waits for it to end.
      const stop = () => child.kill('SIGTERM');
      ctx.io.signal.addEventListener('abort', stop, { once: true });
      child.on('error', (e) => {
        ctx.io.signal.removeEventListener('abort', stop);
        reject(new CliError('PLAYER_MISSING', `Cannot start ${argv[0]}: ${e.message}`, { hint: installHint(argv[0]) }));
      });
      child.on('close', (code, signal) => {
        ctx.io.signal.removeEventListener('abort', stop);
        resolve({ code, signal });
      });
    });
  } finally {
    await stdout?.finish();
  }
}

export interface RunPlanOptions {
  dir: string;
  file: LaunchFile;
  /** Redo every preparation step (fresh disk), even those done before. */
  fresh?: boolean;
}

/**
 * Executes a launch plan in the download directory, step by step as argv arrays. Preparation steps
 * that finished before (recorded in .apx.json, their output still there) are skipped so a second
 * launch keeps the converted disk the machine writes to; `fresh` redoes them. The last step starts
 * the player in the foreground; its exit code is returned.
 */
export async function runPlan(ctx: Context, plan: LaunchPlan, options: RunPlanOptions): Promise<number> {
  const { dir, file } = options;
  const steps = plan.steps;
  const start = steps.at(-1);
  if (!start) throw new CliError('UNSUPPORTED', 'The launch plan has no steps.');
  const state = await readCacheState(dir);

  for (const step of steps.slice(0, -1)) {
    const key = JSON.stringify(step.argv);
    const outputs = stepOutputs(step, file);
    const present = (await Promise.all(outputs.map((o) => statOrNull(path.resolve(dir, o))))).every(Boolean);
    if (!options.fresh && state.steps[key] && present) {
      ctx.info(`==> ${step.title}: done before, kept (use --fresh to redo)`);
      continue;
    }
    ctx.info(`==> ${step.title}\n$ ${shellCommand(step.argv)}`);
    const extraction = ovaExtraction(step, file);
    if (extraction) {
      await extractOvaMembers(path.join(dir, extraction.ova), dir, extraction.members);
    } else {
      if (step.optional && !(await findExecutable(step.argv[0], ctx.io.env, ctx.io.platform))) {
        ctx.warn(`skipping the optional step "${step.title}": ${step.argv[0]} is not installed.`);
        continue;
      }
      const { code, signal } = await runTool(ctx, step.argv, dir, false);
      if (ctx.io.signal.aborted) throw new CliError('INTERRUPTED', 'Interrupted.');
      if (code !== 0) {
        const why = signal ? `was stopped by ${signal}` : `failed with exit code ${code}`;
        if (step.optional) {
          ctx.warn(`the optional step "${step.title}" ${why}.`);
          continue;
        }
        throw new CliError('ERROR', `${step.argv[0]} ${why} (step: ${step.title}).`);
      }
    }
    state.steps[key] = { doneAt: new Date(ctx.io.now()).toISOString() };
    await writeCacheState(dir, state);
  }

  ctx.info(`==> ${start.title}\n$ ${shellCommand(start.argv)}`);
  const { code, signal } = await runTool(ctx, start.argv, dir, true);
  // Stopped by us on Ctrl-C or SIGTERM: QEMU then exits 0 ("terminating on signal 15"), still an interruption.
  if (ctx.io.signal.aborted) return 130;
  if (signal) return 128 + (signalNumber(signal) ?? 1);
  return code ?? 1;
}

function signalNumber(signal: NodeJS.Signals): number | undefined {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Partial<Record<NodeJS.Signals, number>>)[signal];
}
