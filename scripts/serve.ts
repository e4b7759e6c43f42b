// The app process: Next.js behind a small Node HTTP server of our own, so that the client address
// Next.js and better-auth see (X-Forwarded-For) is the socket's, unless TRUST_PROXY=true says a
// proxy in front of us sets that header. Started by `npm start`; run it alone for extra app nodes.
import http from 'node:http';
import { register } from 'node:module';
import next from 'next';
import { repoRoot } from './lib/schema-engine.ts';
import { strictTransportSecurity } from '../lib/http/security-headers.ts';

// lib/ code is server-only by design; this process is the server (see the hook).
register('./lib/server-only-hook.mjs', import.meta.url);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const trustProxy = process.env.TRUST_PROXY === 'true';
const hsts = strictTransportSecurity(process.env.PUBLIC_URL);

async function main() {
  const app = next({ dev: false, dir: repoRoot, port, hostname: 'localhost' });
  await app.prepare();
  const handle = app.getRequestHandler();
  // After register() above: lib/ modules import 'server-only'.
  const { servePublicDownload } = await import('@/lib/downloads/public-download-fast-path');
  const server = http.createServer((req, res) => {
    if (hsts) res.setHeader('strict-transport-security', hsts);
    const remote = req.socket.remoteAddress ?? '';
    const forwarded = req.headers['x-forwarded-for'];
    if (trustProxy && forwarded) {
      req.headers['x-forwarded-for'] = `${Array.isArray(forwarded) ? forwarded.join(', ') : forwarded}, ${remote}`;
    } else {
      // A client must not choose the address it is rate-limited and counted under.
      req.headers['x-forwarded-for'] = remote;
      delete req.headers['x-real-ip'];
    }
    const fast = servePublicDownload(req, res);
    if (fast === false) void handle(req, res);
    else
      fast.then(
        (served) => {
          if (!served) void handle(req, res);
        },
        () => void handle(req, res),
      );
  });
  server.keepAliveTimeout = 65_000;
  server.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EADDRINUSE') console.error(`PORT ${port} is already in use by another program. Stop it or set PORT to a free port.`);
    else console.error(`The web server failed: ${e.message}`);
    process.exit(3);
  });
  server.listen(port, host, () => {
    process.send?.({ type: 'listening', port });
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
