// No server-only guard: scripts/serve.ts (plain Node) loads this too; its state lives on globalThis.
import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import pino, { type Logger } from 'pino';
import { env } from '@/lib/config/env';

export interface RequestContext {
  requestId: string;
}

// Shared through globalThis for the same reason as the metrics: serve.ts starts the context,
// code Next.js bundled logs inside it.
const g = globalThis as typeof globalThis & { __apxRequestContext?: AsyncLocalStorage<RequestContext>; __apxLogger?: Logger };

export function requestContext(): AsyncLocalStorage<RequestContext> {
  g.__apxRequestContext ??= new AsyncLocalStorage<RequestContext>();
  return g.__apxRequestContext;
}

/** One JSON object a line; every line written while a request is handled carries its requestId. */
export function logger(): Logger {
  const e = env();
  g.__apxLogger ??= pino({
    level: e.LOG_LEVEL,
    base: { pid: process.pid, role: e.APX_ROLE },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const ctx = requestContext().getStore();
      return ctx ? { requestId: ctx.requestId } : {};
    },
  });
  return g.__apxLogger;
}

/**
 * Sends console.* (our own `[area] message` lines, Next.js's and libraries') through the logger,
 * so an operator's log pipeline sees only JSON. Errors keep their stack.
 */
export function routeConsoleToLogger() {
  const log = logger();
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    const err = args.find((a): a is Error => a instanceof Error);
    const msg = format(...args.map((a) => (a instanceof Error ? a.message : a)));
    if (err) log[level]({ err }, msg);
    else log[level](msg);
  };
  console.log = write('info');
  console.info = write('info');
  console.debug = write('debug');
  console.warn = write('warn');
  console.error = write('error');
}
