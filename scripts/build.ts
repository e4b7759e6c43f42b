// `npm run build`: the production build, made once and run by every node (see production-build.ts).
import { ConfigError, parseEnv } from '../lib/config/env.ts';
import { buildApp } from './lib/production-build.ts';
import { repoRoot } from './lib/schema-engine.ts';

try {
  parseEnv();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(`\n✖ ${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
buildApp({ root: repoRoot, env: process.env, log: (m) => console.log(`[build] ${m}`) }).then(
  ({ deploymentId }) => console.log(`[build] Done: deployment ${deploymentId}. Every node runs this build.`),
  (e: unknown) => {
    console.error(`\n✖ ${(e as Error).message}\n`);
    process.exit(1);
  },
);
