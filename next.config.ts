import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NextConfig } from 'next';
import { parseEnv } from './lib/config/env';
import { securityHeaders } from './lib/core/http/security-headers';

const settings = parseEnv();
const distDir = settings.NEXT_DIST_DIR;

// `npm run build` names the deployment and writes the name into the build; every node reads it
// back from there, so all nodes of one build agree and a browser holding another build's page
// reloads (scripts/lib/production-build.ts).
function deploymentId(): string | undefined {
  if (settings.NEXT_DEPLOYMENT_ID) return settings.NEXT_DEPLOYMENT_ID;
  try {
    return readFileSync(path.join(process.cwd(), distDir, 'apx-deployment-id'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build folders let several checkouts' test runs build side by side.
  distDir,
  deploymentId: deploymentId(),
  reactStrictMode: true,
  // A type error fails the build: Next.js's own type check runs (its default; nothing turns it
  // off), and scripts/lib/production-build.ts runs TypeScript 7 first, which names the error in
  // seconds.
  // Native or runtime-loaded modules stay outside the server bundle.
  serverExternalPackages: ['pg', 'pg-boss', 'sharp', '@aws-sdk/client-s3', '@prisma/adapter-pg', 'pino', 'prom-client', '@cyclonedx/cyclonedx-library', 'ext2fs'],
  experimental: {
    serverActions: { bodySizeLimit: '6mb' },
    // forbidden() / unauthorized() render app/forbidden.tsx and app/unauthorized.tsx with 403 / 401.
    authInterrupts: true,
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
