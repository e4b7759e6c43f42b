import { spawn } from 'node:child_process';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { PLAYERS, type Player } from '@/lib/core/launch';
import { infoCommand } from './commands/info';
import { insideCommand } from './commands/inside';
import { launchCommand } from './commands/launch';
import { loginCommand, logoutCommand } from './commands/login';
import { publishCommand } from './commands/publish';
import { pullCommand } from './commands/pull';
import { searchCommand } from './commands/search';
import { Context, type GlobalOptions } from './context';
import { CliError, EXIT, exitCodeHelp, isCliError } from './exit-codes';
import type { CliIo } from './io';

export const VERSION = '0.1.0';

const ENVIRONMENT_HELP = `Environment:
  APX_SITE     the site (instead of --site or the one you logged in to)
  APX_TOKEN    a token to use instead of the stored one
  APX_CONFIG   the configuration file (default ~/.config/apx/config.json, mode 0600)
  APX_CACHE    the download cache (default ~/.cache/apx/<publisher>/<appliance>/<version>/)`;

const EXAMPLES = `Examples:
  apx search hello
  apx launch demo-labs/alpine-minimal --player qemu
  apx pull demo-labs/alpine-minimal@3.19 --format qcow2
  apx inside demo-labs/server-base@1.1 --sbom server-base.cdx.json
  apx launch demo-labs/alpine-minimal --player virtualbox --dry-run
  apx login --site https://appliances.example.org
  apx publish ./my-appliance.ova
  apx inside ./my-appliance.ova --sbom sbom.json`;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** Builds the command tree; `run` is called with each command's context and arguments. */
export function buildProgram(io: CliIo, run: (action: (ctx: Context) => Promise<void>, command: Command) => Promise<void>): Command {
  const program = new Command('apx')
    .description('Search, pull, launch and publish virtual appliances from an Appliance Exchange site.')
    .option('--json', 'print the result as JSON on stdout (progress and messages go to stderr)')
    .option('-q, --quiet', 'no progress bars or status messages')
    .option('--site <url>', 'the site to use (default: $APX_SITE, the site you logged in to, http://localhost:3000)')
    .showHelpAfterError('(run apx --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .addHelpText('before', `apx ${VERSION} (apx --version prints just the version)\n`)
    .addHelpText('after', `\n${EXAMPLES}\n\n${exitCodeHelp()}\n\n${ENVIRONMENT_HELP}\n`);

  const act = <A extends unknown[]>(fn: (ctx: Context, ...args: A) => Promise<void>) =>
    function (this: Command, ...args: A) {
      return run((ctx) => fn(ctx, ...args), this);
    };

  program
    .command('login')
    .description('store a personal API token (create one at <site>/account/tokens); reads it from stdin when --token is not given')
    .option('--token <token>', 'the token (apx_…); beware that it lands in your shell history')
    .action(act((ctx, options: { token?: string }) => loginCommand(ctx, options)));

  program
    .command('logout')
    .description('forget the stored token')
    .action(act((ctx) => logoutCommand(ctx)));

  program
    .command('search')
    .description('search the catalog')
    .argument('[query]', 'words to look for')
    .option('--format <format>', 'only appliances with a file in this format (ova, ovf, vmdk, qcow2, raw, iso, box)')
    .option('--arch <arch>', 'only this architecture (amd64, arm64, i386)')
    .option('--os <family>', 'only this OS family (linux, windows, bsd, …)')
    .option('--category <slug>', 'only this category')
    .option('--license <spdx>', 'only this license')
    .option('--sort <order>', 'relevance, downloads, rating, newest or size')
    .option('--limit <n>', 'at most this many results', positiveInt)
    .option('--cursor <cursor>', 'the next page (printed after a full page)')
    .action(act((ctx, query: string | undefined, options: Parameters<typeof searchCommand>[2]) => searchCommand(ctx, query, options)));

  program
    .command('info')
    .description('show an appliance, its versions and the files of one version')
    .argument('<appliance>', 'publisher/appliance[@version]')
    .action(act((ctx, reference: string) => infoCommand(ctx, reference)));

  program
    .command('pull')
    .description('download a file into the cache, resumable, verified against the published SHA-256')
    .argument('<appliance>', 'publisher/appliance[@version] (default: the newest released version)')
    .option('--format <format>', 'which file (ova, ovf, vmdk, qcow2, raw, iso, box); default: the most widely runnable')
    .option('--arch <arch>', 'which architecture (default: this machine’s when there is a choice)')
    .option('--force', 'download again even if a verified copy is in the cache')
    .action(act((ctx, reference: string, options: Parameters<typeof pullCommand>[2]) => pullCommand(ctx, reference, options)));

  program
    .command('launch')
    .description('pull if needed, prepare (unpack, convert) and start the appliance in a player')
    .argument('<appliance>', 'publisher/appliance[@version]')
    .addOption(new Option('--player <player>', 'the player (default: the first installed that can run it)').choices([...PLAYERS]))
    .option('--format <format>', 'which file to run (default: the player’s favourite)')
    .option('--arch <arch>', 'which architecture')
    .option('--dry-run', 'print the commands (the same as the site’s launch panel) and run nothing')
    .option('--headless', 'no window: QEMU’s serial console is this terminal (automatic without a display)')
    .option('--fresh', 'redo the preparation (unpack, convert): the machine starts from the published disk again')
    .action(act((ctx, reference: string, options: { player?: Player } & Omit<Parameters<typeof launchCommand>[2], 'player'>) => launchCommand(ctx, reference, options)));

  program
    .command('inside')
    .description("what is inside an appliance's disk (OS, kernel, packages, services, security findings): the report the site read, or a local file read as the site will")
    .argument('<appliance-or-file>', 'publisher/appliance[@version], or an OVA, OVF zip, VMDK, qcow2, raw disk, ISO or Vagrant box to check before publishing')
    .option('--sbom <file>', 'also write a CycloneDX 1.6 SBOM (JSON) to this file (for an appliance: the one the site serves)')
    .option('--format <format>', 'the format of a local file (default: recognised from the content)')
    .option('--temp-dir <dir>', 'where a compressed box is decompressed (default: the system temp dir)')
    .action(act((ctx, target: string, options: Parameters<typeof insideCommand>[2]) => insideCommand(ctx, target, options)));

  program
    .command('publish')
    .description("upload a file to a listing and version taken from the package's own metadata, then wait for verification")
    .argument('<file>', 'an OVA (or OVF bundle, VMDK, qcow2, raw disk, ISO, Vagrant box)')
    .option('--appliance <slug>', 'the listing (default: made from the OVF product name)')
    .option('--name <name>', 'the listing name when it is created (default: the OVF product name)')
    .option('--version <version>', 'the version (default: the OVF product version)')
    .option('--changelog <text>', 'the changelog of a new version (markdown)')
    .option('--format <format>', 'the format (default: recognised from the content)')
    .option('--arch <arch>', 'the architecture (default: amd64)')
    .option('--provider <provider>', 'the Vagrant provider of a box')
    .option('--no-wait', 'return once uploaded; verification goes on on the server')
    .option('--no-release', 'leave the version a draft after verification')
    .option('--no-submit', 'do not submit a new listing for review')
    .option('--timeout <seconds>', 'how long to wait for verification (default 1800)', positiveInt)
    .action(act((ctx, file: string, options: Parameters<typeof publishCommand>[2]) => publishCommand(ctx, file, options)));

  return program;
}

function reportError(io: CliIo, json: boolean, error: CliError): void {
  if (json) {
    io.stdout.write(`${JSON.stringify({ error: { exit: error.exit, exitCode: error.exitCode, message: error.message, hint: error.hint, ...error.details } }, null, 2)}\n`);
  }
  io.stderr.write(`apx: ${error.message}\n`);
  if (error.hint) io.stderr.write(`${error.hint}\n`);
}

/** Runs one command line; resolves with the exit code (never calls process.exit). */
export async function run(argv: string[], io: CliIo): Promise<number> {
  // Not commander's .version(): its --version would swallow `apx publish --version 1.2`.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.OK;
  }
  let json = argv.includes('--json');
  const program = buildProgram(io, async (action, command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    json = !!globals.json;
    await action(new Context(io, globals));
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and --version end with exit code 0; everything else commander refuses is usage.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.OK : EXIT.USAGE;
    }
    if (isCliError(e)) {
      reportError(io, json, e);
      return e.exitCode;
    }
    const error = new CliError('ERROR', `unexpected error: ${(e as Error)?.message ?? String(e)}`);
    reportError(io, json, error);
    if (io.env.APX_DEBUG) io.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    return EXIT.ERROR;
  }
}

/** The real process: its streams, environment and signals. */
export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(130);
    controller.abort(new CliError('INTERRUPTED', `Interrupted (${signal}).`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await run(argv, {
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      env: process.env,
      fetch: globalThis.fetch,
      spawn,
      now: Date.now,
      signal: controller.signal,
      childStdio: 'inherit',
      arch: process.arch,
      platform: process.platform,
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
