// npm run db:deploy | db:dev -- <name> | db:status | db:drift | db:reset
// Runs Prisma's WASM schema engine against DATABASE_URL, or against the embedded PostgreSQL
// under DATA_DIR when DATABASE_URL is unset (started for the command and stopped after).
import { checkDrift, migrateDeploy, migrateDev, migrateStatus, resetDatabase } from '../lib/schema-engine.ts';
import { withDatabase } from '../lib/services.ts';

const [command, ...args] = process.argv.slice(2);

async function main() {
  await withDatabase(async (url) => {
    switch (command) {
      case 'deploy': {
        const applied = await migrateDeploy(url);
        console.log(applied.length ? `Applied ${applied.join(', ')}` : 'No pending migrations.');
        break;
      }
      case 'dev': {
        const name = args.find((a) => !a.startsWith('--')) ?? 'change';
        const result = await migrateDev(url, name.replace(/[^a-zA-Z0-9_]/g, '_'), { createOnly: args.includes('--create-only') });
        for (const w of result.warnings) console.warn(`warning: ${w}`);
        console.log(result.created ? `Created${args.includes('--create-only') ? '' : ' and applied'} prisma/migrations/${result.created}` : 'schema.prisma and the migrations are in step; nothing to create.');
        break;
      }
      case 'status': {
        const s = await migrateStatus(url);
        console.log(JSON.stringify(s, null, 2));
        if (s.history || s.failedMigrationNames.length || s.editedMigrationNames.length) process.exitCode = 1;
        break;
      }
      case 'drift': {
        const d = await checkDrift(url);
        if (d.migrationsVsSchema) console.error(`prisma/migrations differ from schema.prisma:\n${d.migrationsVsSchema}`);
        if (d.databaseVsSchema) console.error(`The database differs from schema.prisma:\n${d.databaseVsSchema}`);
        if (d.migrationsVsSchema || d.databaseVsSchema) process.exitCode = 2;
        else console.log('No drift: schema.prisma, prisma/migrations and the database agree.');
        break;
      }
      case 'reset': {
        await resetDatabase(url);
        const applied = await migrateDeploy(url);
        console.log(`Database reset; applied ${applied.length} migrations.`);
        break;
      }
      default:
        console.error('usage: migrate.ts deploy | dev <name> [--create-only] | status | drift | reset');
        process.exitCode = 64;
    }
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
