/** The two things the app cannot work without (lib/server/health.ts checks the same two). */
export type Dependency = 'database' | 'objectStore';

export const DEPENDENCY_NAMES: Record<Dependency, string> = { database: 'The database', objectStore: 'The object store' };

// Prisma: cannot reach / timed out / connection closed / pool timeout / too many connections /
// could not start a transaction in time.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2037']);
// The driver adapter's kinds for the same (meta.driverAdapterError.cause.kind).
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionAlreadyClosed']);
// PostgreSQL SQLSTATEs: connection exceptions (08…), shutting down / cannot connect now (57P0x),
// statement timeout (57014), too many connections (53300).
const PG_STATE = /^(08...|57P0[1-3]|57014|53300)$/;
// node-postgres's own messages for a server that is gone or does not answer.
const PG_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection timeout|Client has encountered a connection error|Connection ended unexpectedly/i;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

function field(e: unknown, key: string): unknown {
  return e && typeof e === 'object' ? (e as Record<string, unknown>)[key] : undefined;
}

function databaseDown(e: unknown): boolean {
  const name = String(field(e, 'name') ?? '');
  const code = field(e, 'code');
  if (name === 'PrismaClientInitializationError') return true;
  if (typeof code === 'string' && PRISMA_CODES.has(code)) return true;
  const kind = field(field(field(field(e, 'meta'), 'driverAdapterError'), 'cause'), 'kind');
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  if (typeof code === 'string' && PG_STATE.test(code) && 'severity' in (e as object)) return true;
  return PG_MESSAGES.test(String(field(e, 'message') ?? ''));
}

function objectStoreDown(e: unknown): boolean {
  // Every error of the AWS SDK carries $metadata; a reply of the store's below 500 is an answer.
  const metadata = field(e, '$metadata') as { httpStatusCode?: number } | undefined;
  if (!metadata) return false;
  const status = metadata.httpStatusCode;
  if (status !== undefined) return status >= 500;
  const code = field(e, 'code');
  const name = String(field(e, 'name') ?? '');
  return name === 'TimeoutError' || name === 'RequestTimeout' || (typeof code === 'string' && NETWORK_CODES.has(code));
}

/**
 * Which dependency an unexpected error says is down or hung, or null when it is something else
 * (a bug). Follows `cause` a few levels: the drivers wrap their errors.
 */
export function unavailableDependency(e: unknown): Dependency | null {
  let current = e;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (objectStoreDown(current)) return 'objectStore';
    if (databaseDown(current)) return 'database';
    current = field(current, 'cause');
  }
  return null;
}
