import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv, publicUrl } from '@/lib/config/env';

describe('parseEnv', () => {
  it('applies defaults for a bare environment', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.S3_BUCKET).toBe('appliance-exchange');
    expect(env.UPLOAD_MAX_BYTES).toBe(50 * 1024 ** 3);
    expect(publicUrl(env)).toBe('http://localhost:3000');
  });

  it('names the variable when PORT is not a number', () => {
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(/PORT="abc"/);
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT.*between 1 and 65535/);
  });

  it('names the variable when DATABASE_URL is malformed', () => {
    expect(() => parseEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL="not a url".*postgresql:\/\//);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://u:p@h/db' })).toThrow(/DATABASE_URL/);
    expect(parseEnv({ DATABASE_URL: 'postgresql://u:p@db.example:5432/app' }).DATABASE_URL).toContain('db.example');
  });

  it('requires S3 credentials with an S3 endpoint', () => {
    expect(() => parseEnv({ S3_ENDPOINT: 'http://minio:9000' })).toThrow(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/);
    expect(parseEnv({ S3_ENDPOINT: 'http://minio:9000', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' }).S3_ENDPOINT).toBe('http://minio:9000');
  });

  it('rejects a short AUTH_SECRET and a bad bucket name', () => {
    expect(() => parseEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
    expect(() => parseEnv({ S3_BUCKET: 'ab' })).toThrow(/S3_BUCKET/);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });
});
