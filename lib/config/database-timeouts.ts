import { env } from '@/lib/config/env';

/**
 * Bounds for every connection pool of ours (node-postgres options): a server that does not accept
 * is given up after the connect timeout, a statement runs at most the query timeout on the server,
 * and a server that accepted but stopped answering is given up on by the client a second later.
 */
export function databaseTimeouts() {
  const e = env();
  return {
    connectionTimeoutMillis: e.DATABASE_CONNECT_TIMEOUT_MS,
    statement_timeout: e.DATABASE_QUERY_TIMEOUT_MS,
    query_timeout: e.DATABASE_QUERY_TIMEOUT_MS + 1000,
  };
}
