import { describe, expect, it } from 'vitest';
import { unavailableDependency } from '@/lib/core/unavailable';

const sdk = (fields: object, httpStatusCode?: number) => Object.assign(new Error('x'), { $metadata: { attempts: 2, ...(httpStatusCode ? { httpStatusCode } : {}) } }, fields);

describe('which dependency an error says is down', () => {
  it('names the database for Prisma, driver-adapter and node-postgres failures', () => {
    expect(unavailableDependency(Object.assign(new Error('x'), { name: 'PrismaClientKnownRequestError', code: 'P1001' }))).toBe('database');
    expect(unavailableDependency(Object.assign(new Error('x'), { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } } }))).toBe('database');
    expect(unavailableDependency(new Error('Connection terminated due to connection timeout'))).toBe('database');
    expect(unavailableDependency(new Error('wrapped', { cause: new Error('Query read timeout') }))).toBe('database');
    expect(unavailableDependency(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014', severity: 'ERROR' }))).toBe('database');
  });

  it('names the object store for SDK network errors, timeouts and 5xx answers', () => {
    expect(unavailableDependency(sdk({ code: 'ECONNREFUSED' }))).toBe('objectStore');
    expect(unavailableDependency(sdk({ name: 'TimeoutError', code: 'ETIMEDOUT' }))).toBe('objectStore');
    expect(unavailableDependency(sdk({ name: 'ServiceUnavailable' }, 503))).toBe('objectStore');
  });

  it('leaves everything else a bug (a 500)', () => {
    expect(unavailableDependency(new TypeError('undefined is not a function'))).toBeNull();
    expect(unavailableDependency(sdk({ name: 'NoSuchKey' }, 404))).toBeNull();
    expect(unavailableDependency(Object.assign(new Error('x'), { name: 'PrismaClientKnownRequestError', code: 'P2002' }))).toBeNull();
    expect(unavailableDependency(Object.assign(new Error('duplicate key'), { code: '23505', severity: 'ERROR' }))).toBeNull();
    expect(unavailableDependency(null)).toBeNull();
  });
});
