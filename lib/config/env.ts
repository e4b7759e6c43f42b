// Every setting the product reads from the environment, validated once. Used by the start script
// (which fails fast with the variable's name) and by the app and worker at run time.
import { z } from 'zod';

const GiB = 1024 ** 3;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://localhost:9000' });

/**
 * A URL that may carry a password (DATABASE_URL, SMTP_URL). Its port is checked on its own first,
 * so `host:99999` is reported as the bad port it is rather than as "not a URL".
 */
function urlWithPort(protocol: RegExp, message: string, defaultPort: number) {
  return z.string().superRefine((value, ctx) => {
    const authority = /^([a-z][a-z0-9+.-]*):\/\/(?:[^/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::([^/?#]*))?/i.exec(value);
    if (!authority || !protocol.test(authority[1])) {
      ctx.addIssue({ code: 'custom', message });
      return;
    }
    const portText = authority[3];
    if (portText !== undefined && portText !== '') {
      const n = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
      if (!(n >= 1 && n <= 65535)) {
        ctx.addIssue({ code: 'custom', message: `has a bad port "${portText}": use a number between 1 and 65535 (the usual one is ${defaultPort})` });
        return;
      }
    }
    if (!URL.canParse(value)) ctx.addIssue({ code: 'custom', message });
  });
}

/** Variables whose values are secrets or carry one: never printed as they are. */
const SECRET_VARIABLES = new Set(['AUTH_SECRET', 'S3_SECRET_ACCESS_KEY', 'DATABASE_URL', 'SHADOW_DATABASE_URL', 'SMTP_URL', 'METRICS_TOKEN', 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY']);

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  // A load balancer in front sets X-Forwarded-For; without it the socket's address is the client's.
  TRUST_PROXY: bool.default(false),
  PUBLIC_URL: httpUrl.optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: urlWithPort(/^postgres(ql)?$/i, 'must be a postgresql:// URL, e.g. postgresql://user:pass@host:5432/db', 5432).optional(),
  // An empty database for the schema engine to try migrations on (`npm run db:dev`); by default it makes one.
  SHADOW_DATABASE_URL: urlWithPort(/^postgres(ql)?$/i, 'must be a postgresql:// URL, e.g. postgresql://user:pass@host:5432/shadow', 5432).optional(),
  S3_ENDPOINT: httpUrl.optional(),
  S3_PUBLIC_ENDPOINT: httpUrl.optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name (3–63 lowercase letters, digits, dots, hyphens)')
    .default('appliance-exchange'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(50 * GiB),
  UPLOAD_TTL_HOURS: z.coerce.number().positive().default(24),
  // What's inside: scratch disk space for a disk that cannot be read in place (a gzip-compressed box); 0 never copies.
  INSIDE_DISK_BUDGET_BYTES: z.coerce.number({ message: 'must be a number of bytes' }).int('must be a whole number of bytes').min(0, 'must be 0 or more').default(4 * GiB),
  WORKER: z.enum(['on', 'off']).default('on'),
  SMTP_URL: urlWithPort(/^smtps?$/i, 'must be an smtp:// or smtps:// URL', 587).optional(),
  MAIL_FROM: z.string().default('Appliance Exchange <no-reply@localhost>'),
  // Background jobs: a worker that stops being heard from for JOB_HEARTBEAT_SECONDS loses its job
  // to another worker; no job runs longer than JOB_EXPIRE_SECONDS (inspection of the largest file).
  JOB_HEARTBEAT_SECONDS: z.coerce.number().int('must be a whole number').min(10, 'must be at least 10').max(3600).default(30),
  JOB_EXPIRE_SECONDS: z.coerce.number().int('must be a whole number').min(10, 'must be at least 10').max(86_400).default(3600),
  // Every database and object-store call is bounded: a store that is down or hung is a 503 in
  // seconds, never a request that waits for ever.
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  S3_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  S3_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  EMBEDDED_PG_PORT: port.optional(),
  EMBEDDED_S3_PORT: port.optional(),
  // Operating several nodes (README, "scaling out").
  METRICS_PORT: port.optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 24`)').optional(),
  WORKER_HEALTH_PORT: port.optional(),
  SHUTDOWN_DELAY_MS: z.coerce.number({ message: 'must be a number' }).int().min(0).max(600_000).default(0),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(0).max(600_000).default(25_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Which process writes a log line: set by the worker script; app nodes are 'app'.
  APX_ROLE: z.enum(['app', 'worker']).default('app'),
  DATABASE_POOL_SIZE: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1).max(1000).default(10),
  // The download edge's own connections (lib/server/downloads/download-edge.ts, in scripts/serve.ts).
  DOWNLOAD_POOL_SIZE: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1).max(1000).default(4),
  AUTH_SIGNIN_MAX_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1).default(10),
  // Development and tests: every e-mail is also written here as one JSON file.
  MAIL_OUTBOX_DIR: z.string().min(1).optional(),
  // Another copy of SeaBIOS (bios.bin, vgabios-stdvga.bin) for "Try in browser"; default vendor/seabios.
  V86_BIOS_DIR: z.string().min(1).optional(),
  // The demo seed: on by default with the embedded services; DEMO_PASSWORD for its accounts (else random).
  SEED_DEMO: bool.optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  // The build folder (several checkouts may build side by side) and the build's name, which every
  // node of one build shares (scripts/lib/production-build.ts).
  NEXT_DIST_DIR: z.string().min(1).default('.next'),
  NEXT_DEPLOYMENT_ID: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be 1–128 letters, digits, dots, hyphens or underscores (a git sha will do)').optional(),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && [16, 24, 32].includes(Buffer.from(v, 'base64').length), 'must be a base64 AES key of 16, 24 or 32 bytes (e.g. `openssl rand -base64 32`)')
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, the way shells and .env files usually mean them. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return `${name}=${JSON.stringify(printable(name, cleaned[name] ?? ''))} ${issue.message}`;
      }),
    );
  }
  const env = result.data;
  const issues: string[] = [];
  if (env.S3_ENDPOINT && (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY)) {
    issues.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required when S3_ENDPOINT is set');
  }
  if (issues.length) throw new ConfigError(issues);
  return env;
}

/**
 * One setting, checked by the same schema, for a tool that needs only it (Prisma's CLI reads
 * DATABASE_URL when `npm install` generates the client): a bad value of another variable is not
 * its business.
 */
export function setting<K extends keyof Env>(name: K, source: Record<string, string | undefined> = process.env): Env[K] {
  const value = source[name] === '' ? undefined : source[name];
  const result = envSchema.shape[name].safeParse(value);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => `${name}=${JSON.stringify(printable(name, value ?? ''))} ${issue.message}`));
  return result.data as Env[K];
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** The salt of hashed client addresses (download counts, tries): the auth secret. */
export function addressSalt(e: Env = env()): string {
  return e.AUTH_SECRET ?? 'apx';
}

export function publicUrl(e: Env = env()): string {
  return (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
}

/** A variable's value as it may appear in a message: URLs without their password, secrets not at all. */
function printable(name: string, value: string): string {
  if (!SECRET_VARIABLES.has(name)) return value;
  if (name.endsWith('_URL')) return redactUrlPassword(value);
  return `(hidden, ${value.length} characters)`;
}

/** `scheme://user:password@host…` → `scheme://user:***@host…`; works on URLs the URL parser refuses too. */
export function redactUrlPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):[^/?#]*@/i, '$1:***@');
}

/**
 * A message with every secret of the configuration taken out: the passwords inside DATABASE_URL
 * and SMTP_URL (as written and URL-decoded), AUTH_SECRET and S3_SECRET_ACCESS_KEY. For anything
 * printed at start-up, whatever produced it (a driver, the schema engine, a stack trace).
 */
export function redactSecrets(message: string, source: Record<string, string | undefined> = process.env): string {
  const secrets = new Set<string>();
  for (const name of SECRET_VARIABLES) {
    const value = source[name];
    if (!value) continue;
    if (name.endsWith('_URL')) {
      const password = /^[a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:([^/?#]*)@/i.exec(value)?.[1];
      if (password) {
        secrets.add(password);
        try {
          secrets.add(decodeURIComponent(password));
        } catch {
          // not percent-encoded: the raw form is enough
        }
      }
    } else {
      secrets.add(value);
    }
  }
  let out = message;
  // Longest first, so a secret containing another is taken out whole. Very short ones would blank out ordinary words.
  for (const secret of [...secrets].filter((x) => x.length >= 3).sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
  return out;
}
