// Shared by `npm start`, the worker, the migration commands and the test harness: resolves the
// configuration, and starts the embedded PostgreSQL and S3 where none are configured.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { parseEnv, publicUrl, redactSecrets, type Env } from '../../lib/config/env.ts';
import { recoverStaleLock, startEmbeddedPostgres } from './embedded-postgres.ts';
import { startEmbeddedS3 } from './embedded-s3.ts';
import { preferPort } from './ports.ts';

export interface Secrets {
  authSecret: string;
  pgPassword: string;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
}

/** Secrets for the embedded services and development sessions, generated once into DATA_DIR. */
export async function loadSecrets(dataDir: string): Promise<Secrets> {
  const file = path.join(dataDir, 'secrets.json');
  await fs.mkdir(dataDir, { recursive: true });
  const existed = existsSync(file);
  if (existed) {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<Secrets>;
    if (parsed.authSecret && parsed.pgPassword && parsed.s3AccessKeyId && parsed.s3SecretAccessKey) {
      return parsed as Secrets;
    }
  }
  const secrets: Secrets = {
    authSecret: randomBytes(32).toString('base64url'),
    pgPassword: randomBytes(18).toString('base64url'),
    s3AccessKeyId: `APX${randomBytes(8).toString('hex').toUpperCase()}`,
    s3SecretAccessKey: randomBytes(24).toString('base64url'),
  };
  // Written whole under another name, then put in place in one step: a second process starting
  // at the same moment (two `npm run db:deploy` at once on a fresh machine) never reads half a
  // file, and the first one to finish wins — the other uses its secrets.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  try {
    if (existed) await fs.rename(tmp, file); // it was there but incomplete (an older version's)
    else {
      try {
        await fs.link(tmp, file);
      } catch (e) {
        // A filesystem without hard links: still never half a file, though the last writer wins.
        if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
        await fs.rename(tmp, file);
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const theirs = JSON.parse(await fs.readFile(file, 'utf8')) as Secrets;
    return theirs;
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return secrets;
}

export interface RunningServices {
  env: Env;
  dataDir: string;
  databaseUrl: string;
  embeddedDatabase: boolean;
  embeddedS3: boolean;
  /** Environment for child processes (the app, the worker): everything resolved. */
  childEnv: Record<string, string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  source?: Record<string, string | undefined>;
  log?: (message: string) => void;
  needS3?: boolean;
}

async function ensureBucket(client: S3Client, bucket: string, log: (m: string) => void, setCors: boolean, siteOrigin: string) {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404) throw e;
  }
  log(`Creating bucket ${bucket}…`);
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  if (setCors) {
    await client.send(
      new PutBucketCorsCommand({
        Bucket: bucket,
        CORSConfiguration: {
          CORSRules: [
            {
              // Only the site's own pages: uploads (ETag) and "Try in browser" Range reads (Content-Range).
              AllowedOrigins: [siteOrigin],
              AllowedMethods: ['GET', 'HEAD', 'PUT', 'POST'],
              AllowedHeaders: ['*'],
              ExposeHeaders: ['ETag', 'Content-Range', 'Content-Length', 'Accept-Ranges'],
              MaxAgeSeconds: 3000,
            },
          ],
        },
      }),
    );
  }
}

export async function startServices(options: StartOptions = {}): Promise<RunningServices> {
  const log = options.log ?? ((m: string) => console.log(m));
  const env = parseEnv(options.source ?? process.env);
  const dataDir = path.resolve(env.DATA_DIR);
  let secrets: Secrets;
  try {
    secrets = await loadSecrets(dataDir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw e;
    throw new Error(
      `DATA_DIR ${dataDir} cannot be created or written (${code}: ${(e as NodeJS.ErrnoException).path ?? dataDir}). ` +
        'Set DATA_DIR to a folder this user may write, e.g. DATA_DIR=$HOME/.appliance-exchange npm start.',
    );
  }
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };

  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      // An orphan from a killed run may still hold our data directory and our usual port.
      await recoverStaleLock(path.join(dataDir, 'postgres'), log);
      const port = await preferPort(env.EMBEDDED_PG_PORT ?? 54329);
      const pgHandle = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port,
        password: secrets.pgPassword,
        database: 'appliance_exchange',
        log,
      });
      stops.push(pgHandle.stop);
      databaseUrl = pgHandle.url;
      log(`PostgreSQL (embedded) on 127.0.0.1:${port}, data in ${path.join(dataDir, 'postgres')}`);
    }

    const s3: Record<string, string> = {
      S3_REGION: env.S3_REGION,
      S3_BUCKET: env.S3_BUCKET,
    };
    const embeddedS3 = !env.S3_ENDPOINT;
    const siteOrigin = new URL(publicUrl(env)).origin;
    if (options.needS3 !== false) {
      if (embeddedS3) {
        const port = await preferPort(env.EMBEDDED_S3_PORT ?? 54330, '0.0.0.0');
        const s3Handle = await startEmbeddedS3({
          dir: path.join(dataDir, 'objects'),
          port,
          bucket: env.S3_BUCKET,
          accessKeyId: secrets.s3AccessKeyId,
          secretAccessKey: secrets.s3SecretAccessKey,
          allowedOrigin: siteOrigin,
        });
        stops.push(s3Handle.stop);
        Object.assign(s3, {
          S3_ENDPOINT: s3Handle.endpoint,
          S3_PUBLIC_ENDPOINT: env.S3_PUBLIC_ENDPOINT ?? `http://localhost:${port}`,
          S3_ACCESS_KEY_ID: secrets.s3AccessKeyId,
          S3_SECRET_ACCESS_KEY: secrets.s3SecretAccessKey,
          S3_FORCE_PATH_STYLE: 'true',
        });
        log(`S3 (embedded) on ${s3Handle.endpoint}, objects in ${path.join(dataDir, 'objects')}`);
      } else {
        Object.assign(s3, {
          S3_ENDPOINT: env.S3_ENDPOINT!,
          S3_ACCESS_KEY_ID: env.S3_ACCESS_KEY_ID!,
          S3_SECRET_ACCESS_KEY: env.S3_SECRET_ACCESS_KEY!,
          S3_FORCE_PATH_STYLE: String(env.S3_FORCE_PATH_STYLE ?? true),
        });
        if (env.S3_PUBLIC_ENDPOINT) s3.S3_PUBLIC_ENDPOINT = env.S3_PUBLIC_ENDPOINT;
      }
      const client = new S3Client({
        endpoint: s3.S3_ENDPOINT,
        region: s3.S3_REGION,
        forcePathStyle: s3.S3_FORCE_PATH_STYLE === 'true',
        credentials: { accessKeyId: s3.S3_ACCESS_KEY_ID, secretAccessKey: s3.S3_SECRET_ACCESS_KEY },
      });
      try {
        await ensureBucket(client, env.S3_BUCKET, log, !embeddedS3, siteOrigin);
      } catch (e) {
        throw new Error(
          `The object store at ${s3.S3_ENDPOINT} is not reachable or refused bucket ${env.S3_BUCKET}: ${(e as Error).message}`,
        );
      } finally {
        client.destroy();
      }
    }

    const authSecret = env.AUTH_SECRET ?? secrets.authSecret;
    const childEnv: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret,
      DATA_DIR: dataDir,
      PORT: String(env.PORT),
      ...s3,
    };
    return {
      env,
      dataDir,
      databaseUrl,
      embeddedDatabase: !env.DATABASE_URL,
      embeddedS3,
      childEnv,
      stop,
    };
  } catch (e) {
    await stop();
    // Whatever failed (a driver, the object store), its message never carries a configured password.
    if (e instanceof Error) e.message = redactSecrets(e.message, options.source ?? process.env);
    throw e;
  }
}

/** Runs fn with a database URL: DATABASE_URL, or the embedded PostgreSQL for the duration. */
export async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const services = await startServices({ needS3: false, log: () => {} });
  try {
    return await fn(services.databaseUrl);
  } finally {
    await services.stop();
  }
}
