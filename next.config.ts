import type { NextConfig } from 'next';
import { securityHeaders } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build folders let several checkouts' test runs build side by side.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  reactStrictMode: true,
  // `npm run typecheck` (TypeScript 7, part of `npm test`) is the type check; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Native or runtime-loaded modules stay outside the server bundle.
  serverExternalPackages: ['pg', 'pg-boss', 'sharp', '@aws-sdk/client-s3', '@prisma/adapter-pg', '@cyclonedx/cyclonedx-library', 'ext2fs'],
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
