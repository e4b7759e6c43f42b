// A small load balancer for the topology test, doing what a real one does: health checks on
// /api/health/ready (a node that answers 503 or nothing gets no new requests), round robin over
// the ready nodes, and a retry on the next node when a connection is refused (the request never
// reached a server, so retrying it is safe for every method). On top, for the test: a form's
// submission (a server action POST) goes to another node than the one that served its page, and
// every request is written down with the node that answered it.
import http from 'node:http';

export interface Backend {
  name: string;
  port: number;
  ready: boolean;
}

export interface ProxyLogEntry {
  method: string;
  path: string;
  kind: 'page' | 'action' | 'other';
  node: string;
  status: number;
  /** For an action: the node that served the page it was sent from. */
  pageNode?: string;
}

export interface RoundRobinProxy {
  url: string;
  port: number;
  log: ProxyLogEntry[];
  /** Requests the proxy could not hand to any node, or whose node failed mid-way. */
  failures: { method: string; path: string; error: string }[];
  backends: Backend[];
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;

function kindOf(req: http.IncomingMessage): ProxyLogEntry['kind'] {
  if (req.method === 'POST' && req.headers['next-action']) return 'action';
  if (req.method === 'GET' && (req.headers['sec-fetch-dest'] === 'document' || req.headers['rsc'] === '1')) return 'page';
  return 'other';
}

export async function startProxy(backends: Backend[], options: { port?: number; healthEveryMs?: number } = {}): Promise<RoundRobinProxy> {
  const log: ProxyLogEntry[] = [];
  const failures: RoundRobinProxy['failures'] = [];
  const pageNode = new Map<string, string>();
  let next = 0;

  const check = (b: Backend) =>
    new Promise<void>((resolve) => {
      const r = http.get({ host: '127.0.0.1', port: b.port, path: '/api/health/ready', agent: false, timeout: 2000 }, (res) => {
        b.ready = res.statusCode === 200;
        res.resume();
        resolve();
      });
      r.on('error', () => {
        b.ready = false;
        resolve();
      });
      r.on('timeout', () => r.destroy());
    });
  const health = setInterval(() => void Promise.all(backends.map(check)), options.healthEveryMs ?? 200);
  await Promise.all(backends.map(check));

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const kind = kindOf(req);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const servedPage = kind === 'action' ? pageNode.get(path) : undefined;

      const order = (): Backend[] => {
        const ready = backends.filter((b) => b.ready);
        const pool = ready.length ? ready : backends;
        if (servedPage) {
          const others = pool.filter((b) => b.name !== servedPage);
          if (others.length) return [...others, ...pool.filter((b) => b.name === servedPage)];
        }
        const start = next++ % pool.length;
        return [...pool.slice(start), ...pool.slice(0, start)];
      };
      const candidates = order();

      const attempt = (i: number) => {
        const b = candidates[i];
        if (!b) {
          failures.push({ method: req.method ?? '', path, error: 'no node accepted the connection' });
          res.writeHead(502, { 'Content-Type': 'text/plain' });
          res.end('No node available.\n');
          return;
        }
        const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1', 'x-forwarded-proto': 'http' };
        let connected = false;
        const upstream = http.request({ host: '127.0.0.1', port: b.port, method: req.method, path: req.url, headers, agent: false }, (up) => {
          if (kind === 'page' && up.statusCode && up.statusCode < 400) pageNode.set(path, b.name);
          if (kind === 'action') {
            // What the browser shows next comes from this node: the re-rendered page, or the
            // redirect target whose payload rides along in the action's answer.
            pageNode.set(path, b.name);
            const redirect = up.headers['x-action-redirect'];
            if (typeof redirect === 'string') pageNode.set(new URL(redirect.split(';')[0] ?? '/', 'http://x').pathname, b.name);
          }
          log.push({ method: req.method ?? '', path, kind, node: b.name, status: up.statusCode ?? 0, ...(servedPage ? { pageNode: servedPage } : {}) });
          res.writeHead(up.statusCode ?? 502, { ...up.headers, 'x-served-by': b.name });
          up.pipe(res);
          up.on('error', (e) => {
            failures.push({ method: req.method ?? '', path, error: `${b.name} broke off the response: ${e.message}` });
            res.destroy();
          });
        });
        upstream.on('socket', (s) => s.on('connect', () => (connected = true)));
        upstream.on('error', (e: NodeJS.ErrnoException) => {
          if (!connected && (e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET')) {
            b.ready = false;
            attempt(i + 1);
            return;
          }
          failures.push({ method: req.method ?? '', path, error: `${b.name}: ${e.message}` });
          if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
          res.end();
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://localhost:${port}`,
    port,
    log,
    failures,
    backends,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(health);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
