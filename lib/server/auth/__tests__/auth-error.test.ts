import { APIError } from 'better-auth/api';
import { describe, expect, it } from 'vitest';
import { authErrorOf } from '@/lib/server/auth/auth-error';

describe('authErrorOf', () => {
  it("reads better-auth's own refusal", () => {
    const e = new APIError('UNAUTHORIZED', { message: 'Invalid email or password', code: 'INVALID_EMAIL_OR_PASSWORD' });
    expect(authErrorOf(e)).toEqual({ status: 'UNAUTHORIZED', code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' });
  });

  it('reads a refusal of another copy of the class (as the production bundle may throw)', () => {
    class APIErrorCopy extends Error {
      status = 'FORBIDDEN';
      body = { code: 'EMAIL_NOT_VERIFIED' };
      constructor() {
        super('Email not verified');
        this.name = 'APIError';
      }
    }
    const e = new APIErrorCopy();
    expect(e instanceof APIError).toBe(false);
    expect(authErrorOf(e)).toEqual({ status: 'FORBIDDEN', code: 'EMAIL_NOT_VERIFIED', message: 'Email not verified' });
  });

  it('is null for every other error', () => {
    expect(authErrorOf(new Error('connection refused'))).toBeNull();
    expect(authErrorOf(Object.assign(new Error('x'), { status: 500 }))).toBeNull();
    expect(authErrorOf(undefined)).toBeNull();
    expect(authErrorOf('APIError')).toBeNull();
  });
});
