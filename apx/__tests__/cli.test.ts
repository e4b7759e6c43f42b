import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoAppliance } from '@/lib/core/appliance-kit';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiErrorFrom } from '@/apx/api-client';
import { normaliseSite, resolveCredentials } from '@/apx/config';
import { EXIT } from '@/apx/exit-codes';
import { parseReference } from '@/apx/reference';
import { FaultSite } from '@/apx/test-support/fault-site';
import { makeCliHome, runCli } from '@/apx/test-support/run-cli';

const execFileAsync = promisify(execFile);
const demo = makeDemoAppliance({ name: 'Hello Appliance', vendor: 'Acme', version: '1.2.0', message: 'cli test says hello' });
let site: FaultSite;
let home: Awaited<ReturnType<typeof makeCliHome>>;

beforeAll(async () => {
  site = await new FaultSite().start();
  site.addPublished({
    publisher: 'acme',
    slug: 'hello',
    name: 'Hello Appliance',
    summary: 'Says hello on the serial console',
    version: '1.2.0',
    files: [
      { format: 'OVA', fileName: demo.ova.fileName, bytes: demo.ova.bytes, diskNames: demo.ova.diskNames },
      { format: 'QCOW2', fileName: demo.qcow2.fileName, bytes: demo.qcow2.bytes },
    ],
  });
  home = await makeCliHome();
});
afterAll(async () => {
  await site.stop();
  await home.cleanup();
});

const apx = (argv: string[], env: Record<string, string> = {}, stdin?: string) => runCli(argv, { env: { ...home.env, APX_SITE: site.site, ...env }, stdin });

describe('arguments and exit codes', () => {
  it('--help lists the commands and documents every exit code', async () => {
    const { code, stdout } = await apx(['--help']);
    expect(code).toBe(EXIT.OK);
    for (const command of ['login', 'logout', 'search', 'info', 'pull', 'launch', 'publish']) expect(stdout).toContain(command);
    for (const exit of Object.values(EXIT)) expect(stdout).toMatch(new RegExp(`^\\s+${exit}\\s+\\S`, 'm'));
  });

  it('usage errors exit with 2: unknown command, unknown option, missing argument, bad choice, bad number', async () => {
    for (const argv of [['frobnicate'], ['pull'], ['pull', 'acme/hello', '--bogus'], ['launch', 'acme/hello', '--player', 'bochs'], ['search', 'x', '--limit', 'lots'], ['search', 'x', '--limit', '0']]) {
      const { code, stderr } = await apx(argv);
      expect(code, argv.join(' ')).toBe(EXIT.USAGE);
      expect(stderr).toMatch(/error/);
    }
  });

  it('a malformed appliance name, format or architecture is a usage error with a hint', async () => {
    for (const [argv, pattern] of [
      [['info', 'hello'], /publisher\/appliance/],
      [['info', '../etc/passwd'], /not an appliance name|not a publisher name/],
      [['pull', 'acme/hello@-rf'], /not a version/],
      [['pull', 'acme/hello', '--format', 'exe'], /ova, ovf, vmdk/],
      [['pull', 'acme/hello', '--arch', 'sparc'], /amd64, arm64/],
      [['pull', 'acme/hello', '--format', 'constructor'], /ova, ovf, vmdk/],
      [['pull', 'acme/hello', '--arch', '__proto__'], /amd64, arm64/],
    ] as [string[], RegExp][]) {
      const { code, stderr } = await apx(argv);
      expect(code, argv.join(' ')).toBe(EXIT.USAGE);
      expect(stderr).toMatch(pattern);
    }
  });

  it('a site that does not answer exits with 9 (network)', async () => {
    const { code, stderr } = await apx(['search', 'x'], { APX_SITE: 'http://127.0.0.1:9' });
    expect(code).toBe(EXIT.NETWORK);
    expect(stderr).toMatch(/cannot reach/);
  });

  it('server text with terminal escape sequences is printed inert', async () => {
    const evil = site.addPublished({ publisher: 'evil', slug: 'esc', name: 'Evil \u001b]0;pwned\u0007 Name', summary: 'x\u001b[2Jy', version: '1.0', files: [] });
    const info = await apx(['info', 'evil/esc']);
    expect(info.stdout).not.toContain('\u001b');
    expect(info.stdout).toContain('\\x1b');
    site.remove(evil);
  });

  it('info names the signer of a signed OVA, says when it is self-signed, and prints a hostile subject inert', async () => {
    const signature = (subject: string, trust: 'self-signed' | 'unknown-ca') => ({
      subject,
      issuer: trust === 'self-signed' ? subject : 'CN=Example Root CA, O=Example Trust',
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2099-01-01T00:00:00.000Z',
      trust,
      algorithm: 'SHA256',
      certificate: 'a.cert',
      manifest: 'a.mf',
      fingerprint256: 'AA:BB',
      text: 'ignored by the client',
    });
    const signed = site.addPublished({
      publisher: 'acme',
      slug: 'signed',
      name: 'Signed',
      version: '1.0',
      files: [
        { format: 'OVA', fileName: 'ca.ova', bytes: demo.ova.bytes, diskNames: demo.ova.diskNames, signature: signature('CN=Acme Signing, O=Acme', 'unknown-ca') },
        { format: 'OVA', fileName: 'self.ova', architecture: 'ARM64', bytes: demo.ova.bytes, diskNames: demo.ova.diskNames, signature: signature('CN=Evil\u001b[2J', 'self-signed') },
      ],
    });
    const info = await apx(['info', 'acme/signed']);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain('Signatures:');
    expect(info.stdout).toContain('ca.ova: Signed by CN=Acme Signing, O=Acme, issued by CN=Example Root CA, O=Example Trust, valid until 2099-01-01.');
    expect(info.stdout).toContain('self-signed — the signer is not vouched for by anyone');
    expect(info.stdout).not.toContain('\u001b');
    expect(info.stdout).not.toContain('ignored by the client');
    const plain = await apx(['info', 'acme/hello']);
    expect(plain.stdout).not.toContain('Signatures:');
    site.remove(signed);
  });
});

describe('login and the stored token', () => {
  it('stores a verified token in a file only its owner can read, and uses it', async () => {
    const token = site.addToken(['read', 'publish']);
    const { code, stdout } = await apx(['login', '--token', token]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Logged in to http:\/\/127\.0\.0\.1:\d+ \(scopes: read, publish\)/);
    const config = JSON.parse(await readFile(home.env.APX_CONFIG, 'utf8'));
    expect(config).toMatchObject({ site: site.site, token, scopes: ['read', 'publish'] });
    expect((await stat(home.env.APX_CONFIG)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(home.env.APX_CONFIG))).mode & 0o077).toBe(0);

    const before = site.requests.length;
    await apx(['search', 'hello']);
    expect(site.requests.slice(before).every((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);
  });

  it('refuses something that is not a token without asking the site (exit 2)', async () => {
    const before = site.requests.length;
    const notOne = await apx(['login', '--token', 'hunter2']);
    expect(notOne.code).toBe(EXIT.USAGE);
    expect(notOne.stderr).toMatch(/apx tokens start with apx_/);
    expect((await apx(['login', '--token', 'apx_has a space'])).code).toBe(EXIT.USAGE);
    expect(site.requests.length).toBe(before);
  });

  it('a well-formed token the site does not know is told so by the site, never that it does not look like a token', async () => {
    for (const token of ['apx_0123456789abcdef0123456789abcdef', 'apx_short', 'apx_with.dots~and=signs']) {
      const before = site.requests.length;
      const { code, stderr } = await apx(['login', '--token', token]);
      expect(code, token).toBe(EXIT.AUTH);
      expect(site.requests.length, token).toBeGreaterThan(before);
      expect(stderr).toMatch(/refused the token: it is unknown, expired or revoked/);
      expect(stderr).not.toMatch(/not an apx token|look like/);
    }
  });

  it('never sends the stored token to another site', async () => {
    const token = site.addToken(['read']);
    await apx(['login', '--token', token]);
    const other = await new FaultSite().start();
    try {
      await apx(['search', 'x', '--site', other.site]);
      expect(other.requests.length).toBeGreaterThan(0);
      expect(other.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    } finally {
      await other.stop();
    }
    expect(resolveCredentials({ site: 'https://a.example', token: 'apx_x' }, {}, 'https://b.example').token).toBeUndefined();
    expect(resolveCredentials({ site: 'https://a.example/', token: 'apx_x' }, {}, 'https://a.example').token).toBe('apx_x');
  });

});

describe('the site address', () => {
  it('works without a scheme: http:// for this machine, https:// for any other host', () => {
    expect(normaliseSite('localhost:3000')).toBe('http://localhost:3000');
    expect(normaliseSite('127.0.0.1:3000/')).toBe('http://127.0.0.1:3000');
    expect(normaliseSite('appliances.example.org')).toBe('https://appliances.example.org');
    expect(normaliseSite('http://example.org/')).toBe('http://example.org');
  });

  it('says in full what is wrong with an address that is not http(s)', () => {
    expect(() => normaliseSite('ftp://files.example.org')).toThrow(/must be an http:\/\/ or https:\/\/ address; "ftp:\/\/files\.example\.org" is not/);
    expect(() => normaliseSite('https://user:pw@example.org')).toThrow(/token in apx login/);
  });

  it('a server that is not the site (an object store answering 403) is named, not blamed on the token’s scope', async () => {
    const s3 = createServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
    });
    await new Promise<void>((r) => s3.listen(0, '127.0.0.1', r));
    const { port } = s3.address() as AddressInfo;
    try {
      const { code, stderr } = await apx(['search', 'x', '--site', `http://127.0.0.1:${port}`], { APX_TOKEN: 'apx_0123456789abcdef0123456789abcdef' });
      expect(code).toBe(EXIT.ERROR);
      expect(stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${port} answered HTTP 403 \\(S3 AccessDenied\\), which is not an answer of the Appliance Exchange API`));
      expect(stderr).toMatch(/address of the site itself/);
      expect(stderr).not.toMatch(/scope/);
    } finally {
      await new Promise((r) => s3.close(r));
    }
  });

  it('the site’s own word that a scope is missing is the only 403 blamed on the scope', async () => {
    const problem = (detail: string) => new Response(JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail, code: 'FORBIDDEN' }), { status: 403 });
    const scope = await apiErrorFrom(problem('This token lacks the "publish" scope.'), 'Publishing');
    expect(scope.exit).toBe('AUTH');
    expect(scope.hint).toMatch(/token with that scope/);
    const other = await apiErrorFrom(problem('Create a publisher profile first.'), 'Publishing');
    expect(other.exit).toBe('AUTH');
    expect(other.message).toBe('Publishing: Create a publisher profile first.');
    expect(other.hint ?? '').not.toMatch(/scope/);
  });
});

describe('parseReference', () => {
  it('accepts publisher/appliance[@version] and refuses anything path-like', () => {
    expect(parseReference('demo-labs/alpine-minimal@3.19')).toEqual({ publisher: 'demo-labs', appliance: 'alpine-minimal', version: '3.19' });
    expect(parseReference('a/b')).toEqual({ publisher: 'a', appliance: 'b', version: undefined });
    for (const bad of ['a', 'a/b/c', '../b', 'a/..', '/a/b', 'a/b@', 'a/b@../x', '-a/b', 'a /b']) expect(() => parseReference(bad), bad).toThrow();
  });
});

describe('the apx executable', () => {
  it('runs from any directory through scripts/apx.mjs and returns the exit code', async () => {
    const script = path.resolve(__dirname, '../../scripts/apx.mjs');
    const ok = await execFileAsync(process.execPath, [script, '--version'], { cwd: '/' });
    expect(ok.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const failed = await execFileAsync(process.execPath, [script, 'info', 'hello'], { cwd: '/', env: { ...process.env, ...home.env, APX_SITE: site.site, APX_TOKEN: '' } }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(EXIT.USAGE);
    const pkg = JSON.parse(await readFile(path.resolve(__dirname, '../../package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ apx: 'scripts/apx.mjs' });
  });
});
