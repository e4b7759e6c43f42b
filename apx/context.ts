import path from 'node:path';
import { ApiClient } from './api-client';
import { cacheRoot, configPath, readConfig, resolveCredentials, type ApxConfig, type Credentials } from './config';
import { CliError } from './exit-codes';
import type { CliIo } from './io';
import { ProgressBar } from './progress';

export interface GlobalOptions {
  json?: boolean;
  quiet?: boolean;
  site?: string;
}

/**
 * What every command gets: the I/O, the global options, the configuration and an API client.
 * Results go to stdout (text, or one JSON document with --json); progress, status and errors go
 * to stderr, so `apx … --json | jq` always sees clean JSON.
 */
export class Context {
  readonly io: CliIo;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly siteOption?: string;
  readonly configFile: string;
  private loadedConfig?: ApxConfig;

  constructor(io: CliIo, globals: GlobalOptions) {
    this.io = io;
    this.json = !!globals.json;
    this.quiet = !!globals.quiet;
    this.siteOption = globals.site;
    this.configFile = configPath(io.env);
  }

  get cacheRoot(): string {
    return cacheRoot(this.io.env);
  }

  /** Upload state lives beside the configuration, so a resumed publish finds it whatever the cwd. */
  get uploadStateFile(): string {
    return path.join(path.dirname(this.configFile), 'uploads.json');
  }

  /** Version ids this client created, so a later publish can add files to them. */
  get versionStateFile(): string {
    return path.join(path.dirname(this.configFile), 'versions.json');
  }

  async config(): Promise<ApxConfig> {
    this.loadedConfig ??= await readConfig(this.configFile);
    return this.loadedConfig;
  }

  async credentials(): Promise<Credentials> {
    return resolveCredentials(await this.config(), this.io.env, this.siteOption);
  }

  async client(): Promise<ApiClient> {
    const { site, token } = await this.credentials();
    return new ApiClient({ site, token, fetch: this.io.fetch });
  }

  /** A client with a token, or the AUTH exit code with what to do. */
  async authenticatedClient(action: string): Promise<ApiClient> {
    const client = await this.client();
    if (!client.authenticated) {
      throw new CliError('AUTH', `${action} needs a personal API token for ${client.site}.`, {
        hint: `Create one at ${client.site}/account/tokens, then run: apx login --site ${client.site}`,
      });
    }
    return client;
  }

  /** A status line on stderr (not with --quiet). */
  info(message: string): void {
    if (!this.quiet) this.io.stderr.write(`${message}\n`);
  }

  warn(message: string): void {
    this.io.stderr.write(`warning: ${message}\n`);
  }

  /** The command's result: `value` as JSON with --json, else the text. */
  result(value: unknown, text: () => string): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else {
      const out = text();
      if (out) this.io.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
    }
  }

  progress(options: { label: string; total: number | null; initial?: number }): ProgressBar {
    return new ProgressBar({ ...options, stream: this.io.stderr, now: this.io.now, enabled: !this.quiet });
  }
}
