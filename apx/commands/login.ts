import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { ApiClient, ApiError } from '@/apx/api-client';
import { normaliseSite, writeConfig } from '@/apx/config';
import type { Context } from '@/apx/context';
import { CliError } from '@/apx/exit-codes';

/**
 * What can be an apx token at all: the prefix and printable characters without spaces. Anything of
 * that shape goes to the site, which alone knows whether it is a real one (unknown, expired and
 * revoked tokens are told so by its answer); only what cannot be one is refused here.
 */
const TOKEN = /^apx_[\x21-\x7e]{1,200}$/;

/** Reads the token without echoing it on a terminal; from a pipe, the first line. */
async function readToken(ctx: Context, site: string): Promise<string> {
  const { stdin, stderr } = ctx.io;
  if (stdin.isTTY) {
    stderr.write(`Create a token at ${site}/account/tokens (scopes: read, and publish to publish).\n`);
    const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
    const rl = createInterface({ input: stdin, output: muted, terminal: true });
    stderr.write('Token: ');
    try {
      return await new Promise<string>((resolve) => rl.question('', resolve));
    } finally {
      rl.close();
      stderr.write('\n');
    }
  }
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 1000) break;
  }
  return text.split('\n')[0] ?? '';
}

const anything = z.unknown();

/**
 * Which scopes a token has, asked of the API itself: a bad token is refused (401) by every route;
 * the catalog answers 403 to a token without `read`, the publisher list to one without `publish`.
 */
async function probeScopes(client: ApiClient): Promise<string[]> {
  const probes: [string, string, string][] = [
    ['read', '/api/v1/appliances?limit=1', 'Checking the token'],
    ['publish', '/api/v1/publish/appliances', 'Checking the publish scope'],
  ];
  const scopes: string[] = [];
  for (const [scope, pathname, context] of probes) {
    try {
      await client.get(pathname, { schema: anything, context });
      scopes.push(scope);
    } catch (e) {
      if (!(e instanceof ApiError) || (e.status !== 403 && e.status !== 404)) throw e;
    }
  }
  if (!scopes.length) throw new CliError('AUTH', 'The site accepts the token for neither reading nor publishing.');
  return scopes;
}

export async function loginCommand(ctx: Context, options: { token?: string }): Promise<void> {
  const config = await ctx.config();
  const site = normaliseSite(ctx.siteOption || ctx.io.env.APX_SITE || config.site || 'http://localhost:3000');
  const token = (options.token ?? (await readToken(ctx, site))).trim();
  if (!TOKEN.test(token)) {
    const what = !token ? 'No token was given' : !token.startsWith('apx_') ? 'That is not an apx token: apx tokens start with apx_' : 'That is not an apx token: it holds spaces or characters no token has';
    throw new CliError('USAGE', `${what}.`, { hint: `Create one at ${site}/account/tokens and paste it whole.` });
  }
  const client = new ApiClient({ site, token, fetch: ctx.io.fetch });
  let scopes: string[];
  try {
    scopes = await probeScopes(client);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      throw new CliError('AUTH', `${site} refused the token: it is unknown, expired or revoked. Nothing was saved.`, { hint: `Create a new one at ${site}/account/tokens.` });
    }
    throw e;
  }
  await writeConfig(ctx.configFile, { ...config, site, token, scopes, savedAt: new Date(ctx.io.now()).toISOString() });
  ctx.result({ site, scopes, config: ctx.configFile }, () =>
    [`Logged in to ${site} (scopes: ${scopes.join(', ')}).`, `The token is stored in ${ctx.configFile} (readable by you only).`].join('\n'),
  );
}

export async function logoutCommand(ctx: Context): Promise<void> {
  const config = await ctx.config();
  const had = !!config.token;
  const { token: _token, scopes: _scopes, ...rest } = config;
  if (had) await writeConfig(ctx.configFile, rest);
  const site = config.site ?? ctx.siteOption;
  ctx.result({ loggedOut: had, site: site ?? null }, () =>
    had
      ? `Logged out: the token was removed from ${ctx.configFile}. It still works until you revoke it at ${site}/account/tokens.`
      : 'Not logged in: no token was stored.',
  );
}
