// Drives Prisma's own schema engine, compiled to WebAssembly (@prisma/schema-engine-wasm), through
// @prisma/adapter-pg. The Prisma 7 CLI can only migrate with a native engine it downloads at run
// time, which air-gapped machines cannot do; this module does deploy / dev / status / drift with
// the same engine, the same migrations folder and the same `_prisma_migrations` bookkeeping.
// See README "Migrations offline" and ../shared/PRISMA-OFFLINE.md for the traps handled here.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { parseEnv } from '../../lib/config/env.ts';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const schemaPath = path.join(repoRoot, 'prisma/schema.prisma');
export const migrationsDir = path.join(repoRoot, 'prisma/migrations');

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_catalog.contype…)
const PG_BPCHAR_OID = 1042;

type EngineModule = typeof import('@prisma/schema-engine-wasm');
type SchemaEngine = Awaited<ReturnType<EngineModule['SchemaEngine']['new']>>;
type MigrationList = Parameters<SchemaEngine['applyMigrations']>[0]['migrationsList'];

interface PgResult {
  fields: { dataTypeID: number }[];
}
interface PatchableQueryable {
  performIO(query: object): Promise<PgResult>;
  queryRaw(query: object): Promise<{ columnTypes: number[] }>;
  executeScript(script: string): Promise<void>;
  startTransaction(isolationLevel?: string): Promise<PatchableQueryable>;
  underlyingDriver(): pg.Pool;
}

let enginePromise: Promise<EngineModule> | undefined;

/** Loads the WASM engine by hand: Node cannot import a .wasm file as a module without flags. */
function loadEngine(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const wasmModule = new WebAssembly.Module(await fs.readFile(wasmPath));
    const instance = new WebAssembly.Instance(wasmModule, {
      './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    // Engine panics report their text here instead of being lost.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        lastPanic = message;
      },
    };
    return glue;
  })();
  return enginePromise;
}

let lastPanic: string | undefined;

const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character of @prisma/driver-adapter-utils

/**
 * Trap 1 and 2 of PRISMA-OFFLINE.md: the adapter has no mapping for "char" columns (the engine
 * panics reading pg_catalog), and it splits scripts on every `;`. Report "char" as Character,
 * send scripts whole as the native engine does.
 */
function patchQueryable<T extends PatchableQueryable>(q: T): T {
  const charColumns = new WeakMap<object, number[]>();
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_BPCHAR_OID;
        indexes.push(i);
      }
    });
    if (indexes.length && typeof query === 'object' && query) charColumns.set(query, indexes);
    return result;
  };
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  q.executeScript = async (script: string) => {
    await q.underlyingDriver().query(script);
  };
  const startTransaction = q.startTransaction?.bind(q);
  if (startTransaction) {
    q.startTransaction = async (level?: string) => patchQueryable(await startTransaction(level));
  }
  return q;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Trap 3: our own throw-away shadow database, never a connection string the driver could override. */
function adapterFactory(url: string, opened: { dispose(): Promise<void> }[], shadowUrl?: string) {
  const connect = async (connectionString: string, onDispose?: () => Promise<void>) => {
    const factory = new PrismaPg({ connectionString });
    const adapter = (await factory.connect()) as unknown as PatchableQueryable & { dispose(): Promise<void> };
    patchQueryable(adapter);
    opened.push(adapter);
    if (onDispose) {
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await onDispose();
      };
    }
    return adapter;
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connect(url) as never,
    connectToShadowDb: async () => {
      if (shadowUrl) return connect(shadowUrl) as never;
      const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      return connect(withDatabase(url, name), async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      }) as never;
    },
  } as never);
}

export async function loadMigrationList(dir = migrationsDir): Promise<MigrationList> {
  await fs.mkdir(dir, { recursive: true });
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, 'migration.sql');
      const content = await fs
        .readFile(file, 'utf8')
        .then((value) => ({ tag: 'ok' as const, value }))
        .catch((e: Error) => ({ tag: 'error' as const, value: e.message }));
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  const lockContent = await fs.readFile(path.join(dir, 'migration_lock.toml'), 'utf8').catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

const noFilter = { externalTables: [] as string[], externalEnums: [] as string[] };

async function schemaFiles() {
  return [{ path: schemaPath, content: await fs.readFile(schemaPath, 'utf8') }];
}

export async function withEngine<T>(
  url: string,
  fn: (engine: SchemaEngine) => Promise<T>,
  options: { shadowUrl?: string } = {},
): Promise<T> {
  const mod = await loadEngine();
  const files = await schemaFiles();
  const logs: string[] = [];
  // engine.free() does not close the adapters' pools; an idle connection would keep holding the
  // migration advisory lock and make the next engine wait out its 10 s timeout.
  const opened: { dispose(): Promise<void> }[] = [];
  const engine = await mod.SchemaEngine.new(
    { datamodels: files.map((f) => [f.path, f.content] as [string, string]) },
    (line: string) => logs.push(line),
    adapterFactory(url, opened, options.shadowUrl ?? parseEnv().SHADOW_DATABASE_URL),
  );
  try {
    return await fn(engine);
  } catch (e) {
    const detail = lastPanic ? ` (engine panic: ${lastPanic})` : '';
    lastPanic = undefined;
    const message = e instanceof Error ? e.message : JSON.stringify(e);
    throw new Error(`${message}${detail}`, { cause: e });
  } finally {
    engine.free();
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
  }
}

/** `prisma migrate deploy`: applies every migration not yet applied. */
export async function migrateDeploy(url: string): Promise<string[]> {
  const migrationsList = await loadMigrationList();
  return withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: noFilter });
    return out.appliedMigrationNames;
  });
}

/** `prisma migrate dev --name`: writes a new migration from schema.prisma, then applies it. */
export async function migrateDev(url: string, name: string, { createOnly = false } = {}) {
  const migrationsList = await loadMigrationList();
  return withEngine(url, async (engine) => {
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters: noFilter });
    if (diagnostic.action.tag === 'reset') {
      throw new Error(`The database needs a reset before a new migration can be made: ${diagnostic.action.reason}`);
    }
    await engine.applyMigrations({ migrationsList, filters: noFilter });
    const schema = { files: await schemaFiles() };
    const loss = await engine.evaluateDataLoss({ migrationsList, schema, filters: noFilter });
    const created = await engine.createMigration({ draft: false, migrationName: name, migrationsList, schema, filters: noFilter });
    if (!created.migrationScript) return { created: null, warnings: loss.warnings.map((w) => w.message) };
    const dir = path.join(migrationsDir, created.generatedMigrationName);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'migration.sql'), created.migrationScript);
    const lock = path.join(migrationsDir, 'migration_lock.toml');
    await fs
      .access(lock)
      .catch(() =>
        fs.writeFile(
          lock,
          '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
        ),
      );
    if (!createOnly) {
      await engine.applyMigrations({ migrationsList: await loadMigrationList(), filters: noFilter });
    }
    return { created: created.generatedMigrationName, warnings: loss.warnings.map((w) => w.message) };
  });
}

/** `prisma migrate status`. */
export async function migrateStatus(url: string) {
  const migrationsList = await loadMigrationList();
  return withEngine(url, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilter }),
  );
}

/**
 * Drift check: what SQL would turn (a) the migrations folder and (b) the live database into
 * schema.prisma. Both must be empty; anything else means the three are out of step.
 */
export async function checkDrift(url: string): Promise<{ migrationsVsSchema: string; databaseVsSchema: string }> {
  const migrationsList = await loadMigrationList();
  const files = await schemaFiles();
  return withEngine(url, async (engine) => {
    const a = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: noFilter,
    });
    const b = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: repoRoot },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: noFilter,
    });
    const clean = (r: { exitCode: number; stdout: string | null }) => (r.exitCode === 0 ? '' : (r.stdout ?? 'difference'));
    return { migrationsVsSchema: clean(a), databaseVsSchema: clean(b) };
  });
}

/** `prisma migrate reset` without the seed: drops everything in the database. */
export async function resetDatabase(url: string) {
  return withEngine(url, (engine) => engine.reset({ filter: noFilter }));
}
