// A TCP proxy in front of a real server, for tests that break the network on purpose: slow it
// down (an inspection that takes long enough to be interrupted), make the server hang (accepts,
// never answers) or go down (every connection reset), and bring it back.
import net from 'node:net';

export type FaultMode = 'pass' | 'hang' | 'down';

export interface FaultProxy {
  port: number;
  url: string;
  /** Bytes sent from the server to clients so far. */
  readonly transferred: number;
  setMode(mode: FaultMode): void;
  /** Server-to-client bytes per second; Infinity for no limit. */
  setRate(bytesPerSecond: number): void;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }, options: { rate?: number } = {}): Promise<FaultProxy> {
  let mode: FaultMode = 'pass';
  let rate = options.rate ?? Infinity;
  let transferred = 0;
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (mode === 'down') return client.resetAndDestroy();
    if (mode === 'hang') return; // read nothing back, answer nothing
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      transferred += chunk.length;
      client.write(chunk);
      if (Number.isFinite(rate)) {
        upstream.pause();
        setTimeout(() => upstream.resume(), (chunk.length / rate) * 1000);
      }
    });
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get transferred() {
      return transferred;
    },
    setMode(next) {
      mode = next;
      // Pooled connections would carry on as before: the new mode applies to them too.
      if (next !== 'pass') for (const s of sockets) s.destroy();
    },
    setRate(bytesPerSecond) {
      rate = bytesPerSecond;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
