import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv, publicUrl, redactSecrets, redactUrlPassword, setting } from '@/lib/config/env';

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

  it('validates the settings that lib/ once read from process.env itself', () => {
    const bare = parseEnv({});
    expect([bare.DATABASE_POOL_SIZE, bare.DOWNLOAD_POOL_SIZE, bare.AUTH_SIGNIN_MAX_PER_MINUTE, bare.APX_ROLE, bare.SEED_DEMO]).toEqual([10, 4, 10, 'app', undefined]);
    expect(parseEnv({ SEED_DEMO: 'yes', DATABASE_POOL_SIZE: '25' })).toMatchObject({ SEED_DEMO: true, DATABASE_POOL_SIZE: 25 });
    expect(() => parseEnv({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE="many" must be a number/);
    expect(() => parseEnv({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
    expect(() => parseEnv({ AUTH_SIGNIN_MAX_PER_MINUTE: '0' })).toThrow(/AUTH_SIGNIN_MAX_PER_MINUTE/);
    expect(() => parseEnv({ APX_ROLE: 'boss' })).toThrow(/APX_ROLE/);
  });

  it('validates the settings the start, serve and worker scripts once read from process.env themselves', () => {
    const bare = parseEnv({});
    expect([bare.HOST, bare.TRUST_PROXY, bare.NEXT_DIST_DIR, bare.NEXT_DEPLOYMENT_ID, bare.SHADOW_DATABASE_URL]).toEqual(['0.0.0.0', false, '.next', undefined, undefined]);
    expect(parseEnv({ TRUST_PROXY: 'true', HOST: '127.0.0.1', NEXT_DIST_DIR: '.next-b', NEXT_DEPLOYMENT_ID: 'a1b2c3' })).toMatchObject({ TRUST_PROXY: true, HOST: '127.0.0.1', NEXT_DIST_DIR: '.next-b', NEXT_DEPLOYMENT_ID: 'a1b2c3' });
    // Once `=== 'true'`: any other word meant "no" without a word of warning.
    expect(() => parseEnv({ TRUST_PROXY: 'ture' })).toThrow(/TRUST_PROXY="ture"/);
    expect(() => parseEnv({ NEXT_DEPLOYMENT_ID: 'my deploy/1' })).toThrow(/NEXT_DEPLOYMENT_ID=.*letters, digits/);
    expect(() => parseEnv({ SHADOW_DATABASE_URL: 'postgresql://u:hunter22@h:99999/s' })).toThrow(/SHADOW_DATABASE_URL=.*bad port/);
    expect(() => parseEnv({ SHADOW_DATABASE_URL: 'postgresql://u:hunter22@h:99999/s' })).not.toThrow(/hunter22/);
    expect(() => parseEnv({ METRICS_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
    expect(() => parseEnv({ METRICS_TOKEN: 'short-secret' })).toThrow(/METRICS_TOKEN=.*at least 16/);
  });

  it('checks one setting alone, by the same rule, for a tool that needs only it', () => {
    expect(setting('DATABASE_URL', { DATABASE_URL: 'postgresql://u:p@db:5432/app', PORT: 'abc' })).toBe('postgresql://u:p@db:5432/app');
    expect(setting('DATABASE_URL', { DATABASE_URL: '' })).toBeUndefined();
    expect(setting('PORT', {})).toBe(3000);
    expect(() => setting('DATABASE_URL', { DATABASE_URL: 'mysql://u:secretpw@h/db' })).toThrow(ConfigError);
    expect(() => setting('DATABASE_URL', { DATABASE_URL: 'mysql://u:secretpw@h/db' })).not.toThrow(/secretpw/);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });

  it('names a bad port in DATABASE_URL as a bad port, and never prints its password', () => {
    const message = (url: string) => {
      try {
        parseEnv({ DATABASE_URL: url });
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error(`accepted ${url}`);
    };
    for (const [url, port] of [
      ['postgresql://apx:Sup3r-S3cret@db.internal:99999/apx', '99999'],
      ['postgres://apx:Sup3r-S3cret@db.internal:54x2/apx', '54x2'],
      ['postgresql://apx:Sup3r-S3cret@db.internal:0/apx', '0'],
      ['postgresql://apx:Sup3r-S3cret@[::1]:65536/apx', '65536'],
    ]) {
      const m = message(url);
      expect(m).toContain(`DATABASE_URL=`);
      expect(m).toContain(`bad port "${port}"`);
      expect(m).not.toContain('Sup3r-S3cret');
      expect(m).toContain('apx:***@');
    }
    // Not a URL at all, with a password-like part: still no password in the message.
    expect(message('postgresql://apx:Sup3r-S3cret@')).not.toContain('Sup3r-S3cret');
    expect(message('mysql://apx:Sup3r-S3cret@db/apx')).not.toContain('Sup3r-S3cret');
    // A password with an (unencoded) @ in it is hidden whole.
    expect(message('postgresql://apx:pa@ss-W0rd@db:99999/apx')).not.toMatch(/pa|ss-W0rd/);
    expect(parseEnv({ DATABASE_URL: 'postgresql://apx:p@db.internal:6432/apx' }).DATABASE_URL).toContain(':6432/');
  });

  it('never prints secret values, whatever is wrong with them', () => {
    const short = 'tooShortSecret';
    expect(() => parseEnv({ AUTH_SECRET: short })).toThrow(/AUTH_SECRET="\(hidden, 14 characters\)"/);
    expect(() => parseEnv({ AUTH_SECRET: short })).not.toThrow(new RegExp(short));
    expect(() => parseEnv({ SMTP_URL: 'smtp://mailer:M41l-Pass@smtp.example:70000' })).toThrow(/SMTP_URL="smtp:\/\/mailer:\*\*\*@smtp\.example:70000" has a bad port/);
  });

  it('takes configured secrets out of any message (driver errors, stack traces)', () => {
    const source = {
      DATABASE_URL: 'postgresql://apx:p%40ss%2Fword-1@db:5432/apx',
      AUTH_SECRET: 'a'.repeat(10) + 'SECRETSECRETSECRETSECRETSECRET',
      S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
    };
    const text = `connect to postgresql://apx:p%40ss%2Fword-1@db:5432/apx failed (password "p@ss/word-1"); key wJalrXUtnFEMI/K7MDENG; ${source.AUTH_SECRET}`;
    const out = redactSecrets(text, source);
    expect(out).not.toContain('p%40ss');
    expect(out).not.toContain('p@ss/word-1');
    expect(out).not.toContain('wJalrXUtnFEMI');
    expect(out).not.toContain('SECRETSECRET');
    expect(out).toContain('postgresql://apx:***@db:5432/apx');
    expect(redactUrlPassword('postgresql://apx:secret@db/apx')).toBe('postgresql://apx:***@db/apx');
    expect(redactUrlPassword('postgresql://db/apx')).toBe('postgresql://db/apx');
  });
});
