import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CliError } from './exit-codes';
import type { Env } from './io';

export const DEFAULT_SITE = 'http://localhost:3000';

const configSchema = z.looseObject({
  site: z.string().optional(),
  token: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  user: z.looseObject({ name: z.string().optional(), email: z.string().optional() }).optional(),
  savedAt: z.string().optional(),
});

export type ApxConfig = z.infer<typeof configSchema>;

function home(env: Env): string {
  return env.HOME || os.homedir();
}

/** `$APX_CONFIG`, else `$XDG_CONFIG_HOME/apx/config.json`, else `~/.config/apx/config.json`. */
export function configPath(env: Env): string {
  if (env.APX_CONFIG) return path.resolve(env.APX_CONFIG);
  return path.join(env.XDG_CONFIG_HOME || path.join(home(env), '.config'), 'apx', 'config.json');
}

/** `$APX_CACHE`, else `$XDG_CACHE_HOME/apx`, else `~/.cache/apx`. */
export function cacheRoot(env: Env): string {
  if (env.APX_CACHE) return path.resolve(env.APX_CACHE);
  return path.join(env.XDG_CACHE_HOME || path.join(home(env), '.cache'), 'apx');
}

export async function readConfig(file: string): Promise<ApxConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError('ERROR', `Cannot read the configuration ${file}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError('ERROR', `The configuration ${file} is not valid JSON.`, { hint: 'Fix or delete it, then run apx login again.' });
  }
  const result = configSchema.safeParse(parsed);
  if (!result.success) {
    throw new CliError('ERROR', `The configuration ${file} is not an apx configuration.`, { hint: 'Fix or delete it, then run apx login again.' });
  }
  return result.data;
}

/**
 * Writes the configuration readable by its owner only (it holds a token): a private temporary file
 * renamed over the old one, so a crash never leaves a half-written or world-readable file.
 */
export async function writeConfig(file: string, config: ApxConfig): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, file);
  } catch (e) {
    await rm(temporary, { force: true });
    throw new CliError('ERROR', `Cannot write the configuration ${file}: ${(e as Error).message}`);
  }
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(?:\/|$)/i;

/**
 * A site URL as the client uses it: http(s), no credentials, query or fragment, no trailing slash.
 * An address without a scheme gets one: http:// for this machine (`localhost:3000`), https:// for
 * any other host (`appliances.example.org`).
 */
export function normaliseSite(value: string): string {
  const trimmed = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `${LOOPBACK.test(trimmed) ? 'http' : 'https'}://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CliError('USAGE', `${JSON.stringify(value)} is not a URL.`, { hint: 'Use the address of the site, for example https://appliances.example.org or localhost:3000' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError('USAGE', `The site must be an http:// or https:// address; ${JSON.stringify(value)} is not.`, { hint: 'For example https://appliances.example.org or localhost:3000' });
  }
  if (!url.hostname) throw new CliError('USAGE', `${JSON.stringify(value)} names no host.`, { hint: 'For example https://appliances.example.org or localhost:3000' });
  if (url.username || url.password) throw new CliError('USAGE', 'Put the token in apx login, not in the site URL.');
  if (url.search || url.hash) throw new CliError('USAGE', 'The site URL cannot have a query or fragment.');
  return url.href.replace(/\/+$/, '');
}

export interface Credentials {
  site: string;
  token?: string;
  /** Where the token came from, for messages. */
  tokenSource?: 'APX_TOKEN' | 'config';
}

/**
 * Which site to talk to and with which token. The stored token is sent only to the site it was
 * stored for: pointing `--site` elsewhere must never leak it.
 */
export function resolveCredentials(config: ApxConfig, env: Env, siteOption?: string): Credentials {
  const site = normaliseSite(siteOption || env.APX_SITE || config.site || DEFAULT_SITE);
  if (env.APX_TOKEN) return { site, token: env.APX_TOKEN, tokenSource: 'APX_TOKEN' };
  if (config.token && config.site && normaliseSite(config.site) === site) return { site, token: config.token, tokenSource: 'config' };
  return { site };
}
