// The one production build every node runs: `npm run build` makes it (and `npm start` when it
// is missing or stale outside production). It carries what must agree across nodes and deploys:
// the server actions' encryption key (derived from AUTH_SECRET unless given; Next.js embeds it in
// the build and salts the actions' ids with it, so unchanged actions keep their ids from build to
// build) and a deployment id (a browser holding another build's page reloads instead of failing).
import { spawn } from 'node:child_process';
import { hkdfSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseEnv } from '../../lib/config/env.ts';
import { buildFingerprint, distDirName, stampBuild } from './build-fingerprint.ts';

export const distDir = (root: string) => path.join(root, distDirName());
/** Read by next.config.ts when the app starts, so the nodes need not be told the id. */
export const DEPLOYMENT_ID_FILE = 'apx-deployment-id';

/** A 256-bit AES key (base64, as Next.js wants it) that every holder of AUTH_SECRET derives alike. */
export function actionsKeyFromSecret(authSecret: string): string {
  return Buffer.from(hkdfSync('sha256', authSecret, 'appliance-exchange', 'next-server-actions-encryption-key', 32)).toString('base64');
}

export function hasBuild(root: string): boolean {
  return existsSync(path.join(distDir(root), 'BUILD_ID'));
}

export interface BuildOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  log: (m: string) => void;
}

export async function buildApp({ root, env, log }: BuildOptions): Promise<{ deploymentId: string }> {
  const fingerprint = await buildFingerprint(root);
  const settings = parseEnv(env);
  // An operator may name the deployment (a git sha); by default the sources name it.
  const deploymentId = settings.NEXT_DEPLOYMENT_ID ?? `apx-${fingerprint.slice(0, 16)}`;
  const key = settings.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? (settings.AUTH_SECRET ? actionsKeyFromSecret(settings.AUTH_SECRET) : undefined);
  if (!key) {
    log('Neither NEXT_SERVER_ACTIONS_ENCRYPTION_KEY nor AUTH_SECRET is set: this build gets a key of its own, so pages of another build reload once after a deploy.');
  }
  // A type error fails the build. TypeScript 7 checks the whole project in seconds; Next.js's own
  // check (TypeScript 6, minutes on two cores) is off in next.config.ts because this one runs first.
  log('Type-checking (tsc 7)…');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/typescript-7/bin/tsc'), '--noEmit', '-p', root], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`The type check failed (tsc exited with ${code}): fix the errors above, then build again.`))));
    child.on('error', reject);
  });
  log(`Building the app (deployment ${deploymentId})…`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        NEXT_DEPLOYMENT_ID: deploymentId,
        ...(key ? { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key } : {}),
      },
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
    child.on('error', reject);
  });
  await fs.writeFile(path.join(distDir(root), DEPLOYMENT_ID_FILE), deploymentId);
  await stampBuild(root, fingerprint);
  return { deploymentId };
}

export const missingBuildMessage = () =>
  'There is no production build in ' +
  distDirName() +
  '. With NODE_ENV=production a node never builds: run `npm run build` once (with the same AUTH_SECRET as the nodes) and give every node that same folder.';
