// The app process: Next.js behind a small Node HTTP server of our own, so that the client address
// Next.js and better-auth see (X-Forwarded-For) is the socket's, unless TRUST_PROXY=true says a
// proxy in front of us sets that header. Started by `npm start`; run it alone for extra app nodes.
// It also gives every request an id (X-Request-Id, on every log line and in the response), counts
// requests for Prometheus, answers anonymous downloads itself (lib/server/downloads/download-edge.ts)
// and drains on SIGTERM: readiness turns 503, the listener closes, the requests in flight finish,
// then the process exits.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { hasBuild, missingBuildMessage } from './lib/production-build.ts';
import { settingsOrExit } from './lib/settings.ts';
import { repoRoot } from './lib/schema-engine.ts';
import { strictTransportSecurity } from '../lib/core/http/security-headers.ts';
import { serveDownloadAtTheEdge } from '../lib/server/downloads/download-edge.ts';
import { isDraining, startDraining } from '../lib/server/observability/lifecycle.ts';
import { logger, requestContext, routeConsoleToLogger } from '../lib/server/observability/logger.ts';
import { metrics } from '../lib/server/observability/metrics.ts';
import { routeLabelerFromBuild } from '../lib/server/observability/route-label.ts';

const settings = settingsOrExit('serve');
const { PORT: port, HOST: host, TRUST_PROXY: trustProxy, SHUTDOWN_DELAY_MS: shutdownDelayMs, SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs, METRICS_PORT: metricsPort } = settings;
const metricsToken = settings.METRICS_TOKEN ?? '';

/** A load balancer's id is kept when it looks like one; anything else is replaced by our own. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function tokenMatches(header: string | undefined): boolean {
  if (!metricsToken || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const want = Buffer.from(metricsToken);
  return given.length === want.length && timingSafeEqual(given, want);
}
const hsts = strictTransportSecurity(settings.PUBLIC_URL);

async function main() {
  if (!hasBuild(repoRoot)) {
    console.error(missingBuildMessage());
    process.exit(1);
  }
  routeConsoleToLogger();
  const log = logger();

  const app = next({ dev: false, dir: repoRoot, port, hostname: 'localhost' });
  await app.prepare();
  const handle = app.getRequestHandler();
  const m = metrics();
  const routeOf = routeLabelerFromBuild(path.join(repoRoot, settings.NEXT_DIST_DIR));

  const serveMetrics = async (res: http.ServerResponse) => {
    res.writeHead(200, { 'Content-Type': m.registry.contentType, 'Cache-Control': 'no-store' });
    res.end(await m.registry.metrics());
  };

  const inFlight = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('X-Request-Id', requestId);
    if (hsts) res.setHeader('strict-transport-security', hsts);
    // While draining, no connection is kept for another request.
    if (isDraining()) res.setHeader('Connection', 'close');

    const started = process.hrtime.bigint();
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    inFlight.add(res);
    res.on('close', () => {
      inFlight.delete(res);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(pathname);
      const status = res.writableFinished ? res.statusCode : 499;
      m.httpRequests.inc({ method: req.method ?? 'GET', route, status: String(status) });
      m.httpDuration.observe({ method: req.method ?? 'GET', route }, seconds);
      requestContext().run({ requestId }, () =>
        log.info({ method: req.method, path: pathname, route, status, ms: Math.round(seconds * 1000) }, 'request'),
      );
    });

    requestContext().run({ requestId }, () => {
      if (pathname === '/metrics' && metricsToken) {
        if (tokenMatches(req.headers.authorization)) void serveMetrics(res);
        else {
          res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer' });
          res.end('A metrics token is required.\n');
        }
        return;
      }
      const remote = req.socket.remoteAddress ?? '';
      const forwarded = req.headers['x-forwarded-for'];
      if (trustProxy && forwarded) {
        req.headers['x-forwarded-for'] = `${Array.isArray(forwarded) ? forwarded.join(', ') : forwarded}, ${remote}`;
      } else {
        // A client must not choose the address it is rate-limited and counted under.
        req.headers['x-forwarded-for'] = remote;
        delete req.headers['x-real-ip'];
      }
      // The anonymous download is answered before Next.js (lib/server/downloads/download-edge.ts).
      const fast = serveDownloadAtTheEdge(req, res);
      if (fast === false) void handle(req, res);
      else
        fast.then(
          (served) => {
            if (!served) void handle(req, res);
          },
          () => void handle(req, res),
        );
    });
  });
  server.keepAliveTimeout = 65_000;
  server.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EADDRINUSE') console.error(`PORT ${port} is already in use by another program. Stop it or set PORT to a free port.`);
    else console.error(`The web server failed: ${e.message}`);
    process.exit(3);
  });

  // Metrics on a port of their own (not behind the public load balancer), when asked for.
  let metricsServer: http.Server | undefined;
  if (metricsPort) {
    metricsServer = http.createServer((req, res) => {
      if ((req.url ?? '').split('?')[0] === '/metrics') void serveMetrics(res);
      else {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('Not found: try /metrics\n');
      }
    });
    metricsServer.on('error', (e: NodeJS.ErrnoException) => {
      console.error(`METRICS_PORT ${metricsPort}: ${e.code === 'EADDRINUSE' ? 'already in use by another program' : e.message}`);
      process.exit(3);
    });
    metricsServer.listen(metricsPort, host);
  }

  server.listen(port, host, () => {
    const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
    log.info({ url, metrics: metricsPort ? `:${metricsPort}/metrics` : metricsToken ? '/metrics (token)' : 'off' }, `listening on ${url}`);
    process.send?.({ type: 'listening', port, url });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    startDraining();
    log.info({ signal, inFlight: inFlight.size, delayMs: shutdownDelayMs }, 'draining: readiness now answers 503');
    // The delay lets the load balancer see readiness fail before the listener goes away.
    setTimeout(() => {
      server.close(() => {
        log.info('drained: every request answered');
        metricsServer?.close();
        process.exit(0);
      });
      server.closeIdleConnections();
      // Keep-alive connections that finish a request later are closed then (Connection: close).
      const idle = setInterval(() => server.closeIdleConnections(), 250);
      idle.unref();
      setTimeout(() => {
        log.warn({ inFlight: inFlight.size }, `requests still running after ${shutdownTimeoutMs} ms: closing them`);
        server.closeAllConnections();
        process.exit(0);
      }, shutdownTimeoutMs).unref();
    }, shutdownDelayMs);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
