// Expected failures carry a code that maps to an HTTP status and a message safe to show a user.
// Anything else is a bug: logged in full, answered with a generic message.
import { DEPENDENCY_NAMES, unavailableDependency } from '@/lib/core/unavailable';

export type AppErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID'
  | 'TOO_LARGE'
  | 'UNSUPPORTED'
  | 'RATE_LIMITED'
  | 'GONE'
  | 'UNAVAILABLE';

export const statusOf: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 422,
  TOO_LARGE: 413,
  UNSUPPORTED: 415,
  RATE_LIMITED: 429,
  GONE: 410,
  UNAVAILABLE: 503,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields?: Record<string, string>;

  constructor(code: AppErrorCode, message: string, options: { fields?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
  }

  get status(): number {
    return statusOf[this.code];
  }
}

export const notFound = (what = 'That page') => new AppError('NOT_FOUND', `${what} does not exist or is not visible to you.`);
export const forbidden = (message = 'You are not allowed to do that.') => new AppError('FORBIDDEN', message);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Please sign in first.');
export const invalid = (message: string, fields?: Record<string, string>) => new AppError('INVALID', message, { fields });
export const conflict = (message: string) => new AppError('CONFLICT', message);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The message a user may see: the AppError's own, or a generic one (the details go to the log). */
export function publicMessage(e: unknown, context = 'request'): string {
  if (isAppError(e)) return e.message;
  const down = unavailableDependency(e);
  if (down) {
    console.error(`${down} unavailable during ${context}:`, (e as Error).message);
    return `${DEPENDENCY_NAMES[down]} is unavailable right now. Please try again in a minute.`;
  }
  console.error(`Unexpected error during ${context}:`, e);
  return 'Something went wrong on our side. Please try again.';
}
