// Signed OVAs made the way ovftool makes them: keys and certificates from openssl, the manifest signed
// with `openssl dgst -sign`, `name.cert` = "SHA256(name.mf)= <hex>" + PEM chain, and a USTAR tar in
// ovftool's order (descriptor, manifest, certificate, disks). Then every way to break the signature.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyOvaSignature } from '@/lib/core/inspect/ova-signature';
import { hasTool, inspectFile, makeOvf, makeTempDir, manifestLine, run } from './helpers';

if (!hasTool('openssl')) throw new Error('openssl is required for these tests: apt-get install -y openssl');
if (!hasTool('qemu-img')) throw new Error('qemu-img is required for these tests: apt-get install -y qemu-utils');

const tmp = makeTempDir();
const f = tmp.file;
const openssl = (...args: string[]) => run('openssl', args, tmp.dir);

const CA_EXT = ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'];

/** A CA usable by `openssl ca`, for certificates with dates in the past or the future. */
function caConfig(): void {
  mkdirSync(f('db'), { recursive: true });
  writeFileSync(f('db/index.txt'), '');
  writeFileSync(f('db/serial'), '10\n');
  writeFileSync(
    f('ca.cnf'),
    [
      '[ ca ]',
      'default_ca = test',
      '[ test ]',
      'database = ./db/index.txt',
      'serial = ./db/serial',
      'new_certs_dir = ./db',
      'default_md = sha256',
      'policy = anything',
      'unique_subject = no',
      '[ anything ]',
      'commonName = supplied',
      'organizationName = optional',
      'countryName = optional',
      '[ v3_ca ]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      '',
    ].join('\n'),
  );
}

function leafRequest(name: string, subject: string, key = ['-newkey', 'rsa:2048']): void {
  openssl('req', '-new', ...key, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
}

/** ovftool's certificate file: the hex signature of the manifest file, then the PEM chain. */
function certFile(keyName: string, manifestFile: string, chain: string[], options: { digest?: string; signedName?: string } = {}): string {
  const digest = options.digest ?? 'sha256';
  openssl('dgst', `-${digest}`, '-sign', `${keyName}.key`, '-out', `${manifestFile}.sig`, manifestFile);
  const hex = readFileSync(f(`${manifestFile}.sig`)).toString('hex');
  const pems = chain.map((c) => readFileSync(f(`${c}.pem`), 'utf8')).join('');
  return `${digest.toUpperCase()}(${options.signedName ?? manifestFile})= ${hex}\n${pems}`;
}

interface Built {
  path: string;
  name: string;
}

let counter = 0;
/** Writes an OVA (GNU tar, ustar, members in the given order) from the files of one package's folder. */
function tarOva(name: string, members: string[]): Built {
  const base = name.replace(/\.ova$/, '');
  run('tar', ['--format=ustar', '-cf', f(name), ...members], f(base));
  return { path: f(name), name };
}

/** ovftool's member order: descriptor, manifest, certificate, disks. */
const ovftoolOrder = (base: string) => [`${base}.ovf`, `${base}.mf`, `${base}.cert`, 'disk1.vmdk'];

/**
 * A signed OVA in ovftool's layout. `tamper` edits one of the members after signing, to build the
 * attacks; every package gets its own member names so none reuses another's files.
 */
function signedOva(
  label: string,
  signer: { key: string; chain: string[]; digest?: string; signedName?: string },
  tamper: { manifest?: (mf: string) => string; disk?: boolean } = {},
): Built {
  const base = `${label}-${++counter}`;
  const disk = readFileSync(f('disk1.vmdk'));
  const ovf = makeOvf({ files: [{ href: 'disk1.vmdk', size: disk.byteLength }] });
  mkdirSync(f(base));
  writeFileSync(f(`${base}/${base}.ovf`), ovf);
  writeFileSync(f(`${base}/disk1.vmdk`), disk);
  const mf = manifestLine('SHA256', `${base}.ovf`, ovf) + manifestLine('SHA256', 'disk1.vmdk', disk);
  writeFileSync(f(`${base}/${base}.mf`), mf);
  const cert = certFile(signer.key, `${base}/${base}.mf`, signer.chain, {
    digest: signer.digest,
    signedName: signer.signedName ?? `${base}.mf`,
  });
  writeFileSync(f(`${base}/${base}.cert`), cert);
  if (tamper.manifest) writeFileSync(f(`${base}/${base}.mf`), tamper.manifest(mf));
  if (tamper.disk) {
    const changed = Buffer.from(disk);
    changed[changed.byteLength - 1] ^= 0xff;
    writeFileSync(f(`${base}/disk1.vmdk`), changed);
  }
  return tarOva(`${base}.ova`, ovftoolOrder(base));
}

function enddate(pem: string): string {
  const out = execFileSync('openssl', ['x509', '-in', f(`${pem}.pem`), '-noout', '-enddate'], { encoding: 'utf8' });
  return new Date(out.replace('notAfter=', '').trim()).toISOString();
}

beforeAll(() => {
  run('qemu-img', ['create', '-q', '-f', 'vmdk', '-o', 'subformat=streamOptimized', f('disk1.vmdk'), '16M']);
  caConfig();
  // A root CA, an intermediate it issued, a leaf issued by the intermediate; a leaf issued by the root.
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'root.key', '-out', 'root.pem', '-days', '3650', '-subj', '/C=GB/O=Example Trust/CN=Example Root CA', ...CA_EXT);
  leafRequest('inter', '/C=GB/O=Example Trust/CN=Example Intermediate CA');
  openssl('x509', '-req', '-in', 'inter.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '2', '-days', '1825', '-extfile', 'ca.cnf', '-extensions', 'v3_ca', '-out', 'inter.pem');
  leafRequest('leaf', '/C=GB/O=Example Appliances Ltd/CN=Example Appliances Signing');
  openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '3', '-days', '365', '-out', 'leaf.pem');
  leafRequest('deep', '/O=Example Appliances Ltd/CN=Deep Signer');
  openssl('x509', '-req', '-in', 'deep.csr', '-CA', 'inter.pem', '-CAkey', 'inter.key', '-set_serial', '4', '-days', '365', '-out', 'deep.pem');
  // Issued by the leaf, which is no CA.
  leafRequest('sub', '/CN=Sub Signer');
  openssl('x509', '-req', '-in', 'sub.csr', '-CA', 'leaf.pem', '-CAkey', 'leaf.key', '-set_serial', '5', '-days', '365', '-out', 'sub.pem');
  // Self-signed, the way a developer without a CA signs.
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.pem', '-days', '365', '-subj', '/O=Home Lab/CN=Home Lab Appliances');
  // Expired in 2021 and not valid before 2090, both from the root through `openssl ca`.
  for (const [name, start, end] of [['expired', '20200101000000Z', '20210101000000Z'], ['future', '20900101000000Z', '20910101000000Z']]) {
    leafRequest(name, `/O=Example Appliances Ltd/CN=${name} signer`);
    openssl('ca', '-batch', '-config', 'ca.cnf', '-cert', 'root.pem', '-keyfile', 'root.key', '-in', `${name}.csr`, '-out', `${name}.pem`, '-startdate', start, '-enddate', end, '-notext');
  }
  // An EC leaf, and a leaf whose 1024-bit RSA key anyone can factor with enough money.
  leafRequest('ec', '/CN=EC Signer', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1']);
  openssl('x509', '-req', '-in', 'ec.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '6', '-days', '365', '-out', 'ec.pem');
  leafRequest('weak', '/CN=Weak Signer', ['-newkey', 'rsa:1024']);
  openssl('x509', '-req', '-in', 'weak.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '7', '-days', '365', '-out', 'weak.pem');
  // Another CA that issued none of these.
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other.key', '-out', 'other.pem', '-days', '3650', '-subj', '/CN=Unrelated CA', ...CA_EXT);
});

afterAll(() => tmp.cleanup());

describe('signed OVAs in ovftool layout', () => {
  it('a CA-issued signature is VERIFIED and names the signer, the issuer and the end of validity', async () => {
    const ova = signedOva('ca', { key: 'leaf', chain: ['leaf', 'root'] });
    const members = execFileSync('tar', ['-tf', ova.path], { encoding: 'utf8' }).trim().split('\n');
    const base = ova.name.replace('.ova', '');
    expect(members).toEqual([`${base}.ovf`, `${base}.mf`, `${base}.cert`, 'disk1.vmdk']);

    const report = await inspectFile(ova.path, { expectedFormat: 'OVA' });
    expect(report.reason).toBeUndefined();
    expect(report.verdict).toBe('VERIFIED');
    expect(report.metadata.signature).toEqual({
      member: `${base}.cert`,
      manifest: `${base}.mf`,
      algorithm: 'SHA256',
      subject: 'CN=Example Appliances Signing, O=Example Appliances Ltd, C=GB',
      issuer: 'CN=Example Root CA, O=Example Trust, C=GB',
      validFrom: expect.any(String),
      validTo: enddate('leaf'),
      trust: 'unknown-ca',
      chain: [
        expect.objectContaining({ subject: 'CN=Example Appliances Signing, O=Example Appliances Ltd, C=GB', issuer: 'CN=Example Root CA, O=Example Trust, C=GB' }),
        expect.objectContaining({ subject: 'CN=Example Root CA, O=Example Trust, C=GB', issuer: 'CN=Example Root CA, O=Example Trust, C=GB', validTo: enddate('root') }),
      ],
    });
    expect(report.metadata.signature?.chain[0].fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('a three-certificate chain in order (signer, intermediate, root) is VERIFIED', async () => {
    const report = await inspectFile(signedOva('deep', { key: 'deep', chain: ['deep', 'inter', 'root'] }).path);
    expect(report.verdict).toBe('VERIFIED');
    expect(report.metadata.signature).toMatchObject({ subject: 'CN=Deep Signer, O=Example Appliances Ltd', issuer: 'CN=Example Intermediate CA, O=Example Trust, C=GB', trust: 'unknown-ca' });
    expect(report.metadata.signature?.chain.map((c) => c.subject)).toEqual([
      'CN=Deep Signer, O=Example Appliances Ltd',
      'CN=Example Intermediate CA, O=Example Trust, C=GB',
      'CN=Example Root CA, O=Example Trust, C=GB',
    ]);
  });

  it('a signing certificate without its issuer in the file is VERIFIED, its issuer unknown', async () => {
    const report = await inspectFile(signedOva('alone', { key: 'leaf', chain: ['leaf'] }).path);
    expect(report.verdict).toBe('VERIFIED');
    expect(report.metadata.signature).toMatchObject({ trust: 'unknown-ca', issuer: 'CN=Example Root CA, O=Example Trust, C=GB' });
    expect(report.metadata.signature?.chain).toHaveLength(1);
  });

  it('a self-signed certificate is VERIFIED but reported as self-signed, never as CA-issued', async () => {
    const report = await inspectFile(signedOva('self', { key: 'self', chain: ['self'] }).path);
    expect(report.verdict).toBe('VERIFIED');
    expect(report.metadata.signature).toMatchObject({
      subject: 'CN=Home Lab Appliances, O=Home Lab',
      issuer: 'CN=Home Lab Appliances, O=Home Lab',
      trust: 'self-signed',
    });
  });

  it('an EC (P-256) signature is VERIFIED', async () => {
    const report = await inspectFile(signedOva('ec', { key: 'ec', chain: ['ec', 'root'] }).path);
    expect(report.verdict).toBe('VERIFIED');
    expect(report.metadata.signature?.subject).toBe('CN=EC Signer');
  });

  it('a SHA-512 signature is VERIFIED and says so', async () => {
    const report = await inspectFile(signedOva('sha512', { key: 'leaf', chain: ['leaf', 'root'], digest: 'sha512' }).path);
    expect(report.verdict).toBe('VERIFIED');
    expect(report.metadata.signature?.algorithm).toBe('SHA512');
  });

  it('a manifest changed after signing (disk swapped, digest updated) is REJECTED: the signature no longer matches', async () => {
    const fakeDigest = 'f'.repeat(64);
    const ova = signedOva('tampered-mf', { key: 'leaf', chain: ['leaf', 'root'] }, {
      disk: true,
      manifest: (mf) => mf.replace(/SHA256\(disk1\.vmdk\)= [0-9a-f]+/, `SHA256(disk1.vmdk)= ${fakeDigest}`),
    });
    // Make the tampered manifest agree with the tampered disk, as an attacker would.
    const base = ova.name.replace('.ova', '');
    const disk = readFileSync(f(`${base}/disk1.vmdk`));
    const ovf = readFileSync(f(`${base}/${base}.ovf`));
    writeFileSync(f(`${base}/${base}.mf`), manifestLine('SHA256', `${base}.ovf`, ovf) + manifestLine('SHA256', 'disk1.vmdk', disk));
    tarOva(ova.name, ovftoolOrder(base));

    const report = await inspectFile(ova.path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'SIGNATURE_INVALID' });
    expect(report.reason).toContain('does not match the manifest');
    expect(report.reason).toContain('changed after it was signed');
    expect(report.metadata.signature).toBeUndefined();
  });

  it('one changed byte in the manifest is enough to be REJECTED', async () => {
    const ova = signedOva('mf-space', { key: 'leaf', chain: ['leaf', 'root'] }, { manifest: (mf) => `${mf}\n` });
    const report = await inspectFile(ova.path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'SIGNATURE_INVALID' });
  });

  it('a changed disk under an intact signed manifest is REJECTED by the manifest digest', async () => {
    const report = await inspectFile(signedOva('tampered-disk', { key: 'leaf', chain: ['leaf', 'root'] }, { disk: true }).path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'MANIFEST_MISMATCH' });
    expect(report.reason).toContain('disk1.vmdk');
  });

  it('an expired signing certificate is REJECTED with the date it expired', async () => {
    const report = await inspectFile(signedOva('expired', { key: 'expired', chain: ['expired', 'root'] }).path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'CERT_EXPIRED' });
    expect(report.reason).toContain('expired on 2021-01-01');
    expect(report.reason).toContain('CN=expired signer');
  });

  it('a certificate not yet valid is REJECTED', async () => {
    const report = await inspectFile(signedOva('future', { key: 'future', chain: ['future', 'root'] }).path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'CERT_EXPIRED' });
    expect(report.reason).toContain('not valid before 2090-01-01');
  });

  it('a signature over a different file than the manifest is REJECTED as not covering the package', async () => {
    const report = await inspectFile(signedOva('other-file', { key: 'leaf', chain: ['leaf', 'root'], signedName: 'some-other.mf' }).path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'SIGNATURE_UNCOVERED' });
    expect(report.reason).toContain('signs "some-other.mf"');
  });

  it('a certificate in a package without a manifest is REJECTED: the signature covers nothing', async () => {
    const ova = signedOva('no-mf', { key: 'leaf', chain: ['leaf', 'root'] });
    const base = ova.name.replace('.ova', '');
    tarOva(ova.name, [`${base}.ovf`, `${base}.cert`, 'disk1.vmdk']);
    const report = await inspectFile(ova.path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'SIGNATURE_UNCOVERED' });
    expect(report.reason).toContain('no manifest');
  });

  it('a chain out of order (signer, root, intermediate) is REJECTED', async () => {
    const report = await inspectFile(signedOva('disorder', { key: 'deep', chain: ['deep', 'root', 'inter'] }).path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'CERT_CHAIN_INVALID' });
    expect(report.reason).toContain('not issued by certificate 2');
  });

  it('a chain naming an authority that did not issue the signer is REJECTED', async () => {
    const report = await inspectFile(signedOva('wrong-ca', { key: 'leaf', chain: ['leaf', 'other'] }).path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'CERT_CHAIN_INVALID' });
  });

  it('a certificate issued by a certificate that is no authority is REJECTED', async () => {
    const report = await inspectFile(signedOva('not-ca', { key: 'sub', chain: ['sub', 'leaf', 'root'] }).path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'CERT_CHAIN_INVALID' });
    expect(report.reason).toContain('is not a certificate authority');
  });

  it('a signature made with another key than the certificate\'s is REJECTED', async () => {
    const report = await inspectFile(signedOva('wrong-key', { key: 'self', chain: ['leaf', 'root'] }).path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'SIGNATURE_INVALID' });
  });

  it('a SHA-1 signature and a 1024-bit key are REJECTED as forgeable', async () => {
    const sha1 = await inspectFile(signedOva('sha1', { key: 'leaf', chain: ['leaf', 'root'], digest: 'sha1' }).path);
    expect(sha1).toMatchObject({ verdict: 'REJECTED', code: 'CERT_INVALID' });
    expect(sha1.reason).toContain('SHA-1');
    const weak = await inspectFile(signedOva('weak', { key: 'weak', chain: ['weak', 'root'] }).path);
    expect(weak).toMatchObject({ verdict: 'REJECTED', code: 'CERT_INVALID' });
    expect(weak.reason).toContain('1024-bit RSA key');
  });

  it('a certificate file that ships the private key is REJECTED', async () => {
    const ova = signedOva('with-key', { key: 'leaf', chain: ['leaf', 'root'] });
    const base = ova.name.replace('.ova', '');
    writeFileSync(f(`${base}/${base}.cert`), readFileSync(f(`${base}/${base}.cert`), 'utf8') + readFileSync(f('leaf.key'), 'utf8'));
    tarOva(ova.name, ovftoolOrder(base));
    const report = await inspectFile(ova.path);
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'CERT_INVALID' });
    expect(report.reason).toContain('private key');
  });

  it('a certificate member placed after the disk (other tools\' order) is checked the same way', async () => {
    const ova = signedOva('late', { key: 'leaf', chain: ['leaf', 'root'] });
    const base = ova.name.replace('.ova', '');
    tarOva(ova.name, [`${base}.ovf`, 'disk1.vmdk', `${base}.mf`, `${base}.cert`]);
    const report = await inspectFile(ova.path);
    expect(report.verdict).toBe('VERIFIED');
    expect(report.metadata.signature?.subject).toContain('Example Appliances Signing');
  });
});

describe('verifyOvaSignature on hostile certificate files', () => {
  const manifest = { name: 'a.mf', bytes: Buffer.from('SHA256(a.ovf)= ' + 'a'.repeat(64) + '\n') };
  const cert = (text: string) => ({ name: 'a.cert', bytes: Buffer.from(text) });

  function signedCert(chain: string[], key = 'leaf'): string {
    writeFileSync(f('a.mf'), manifest.bytes);
    return certFile(key, 'a.mf', chain);
  }

  it('refuses a file without a signature line, a signature without certificates, and an unreadable certificate', () => {
    expect(() => verifyOvaSignature(cert(readFileSync(f('leaf.pem'), 'utf8')), manifest)).toThrow(/does not start with a signature line/);
    expect(() => verifyOvaSignature(cert('SHA256(a.mf)= 00ff\n'), manifest)).toThrow(/no PEM certificate/);
    expect(() => verifyOvaSignature(cert('SHA256(a.mf)= 00ff\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), manifest)).toThrow(/not a readable X\.509 certificate/);
    expect(() => verifyOvaSignature(cert(`SHA256(a.mf)= ${'ab'.repeat(4000)}\n`), manifest)).toThrow(/longer than any real signature/);
    expect(() => verifyOvaSignature(cert('MD5(a.mf)= 00ff\n'), manifest)).toThrow(/only SHA256, SHA384 and SHA512/);
  });

  it('stays linear on hostile text: thousands of unclosed PEM blocks, a megabyte-long signature line', () => {
    const unclosed = `SHA256(a.mf)= 00ff\n${'-----BEGIN CERTIFICATE-----\n'.repeat(150_000)}`;
    expect(() => verifyOvaSignature(cert(unclosed), manifest)).toThrow(/no PEM certificate/);
    const long = `SHA256(a.mf)= ${'a'.repeat(2 ** 20)}\n`;
    expect(() => verifyOvaSignature(cert(long), manifest)).toThrow(/does not start with a signature line/);
    const parens = `SHA256(${')= a'.repeat(300_000)}\n`;
    expect(() => verifyOvaSignature(cert(parens), manifest)).toThrow(/does not start with a signature line/);
  });

  it('refuses more certificates than any real chain has', () => {
    const pem = readFileSync(f('root.pem'), 'utf8');
    expect(() => verifyOvaSignature(cert(`SHA256(a.mf)= 00ff\n${pem.repeat(11)}`), manifest)).toThrow(/more than 10 certificates/);
  });

  it('a flipped bit in the signature is refused', () => {
    const text = signedCert(['leaf', 'root']);
    const flipped = text.replace(/= ([0-9a-f])/, (_m, d: string) => `= ${d === '0' ? '1' : '0'}`);
    expect(() => verifyOvaSignature(cert(flipped), manifest)).toThrow(/does not match the manifest a\.mf/);
    expect(verifyOvaSignature(cert(text), manifest).subject).toContain('Example Appliances Signing');
  });

  it('judges validity at the given moment', () => {
    const text = signedCert(['leaf', 'root']);
    const later = new Date(Date.now() + 2 * 365 * 86400_000);
    expect(() => verifyOvaSignature(cert(text), manifest, { now: later })).toThrow(/expired on/);
  });

  it('a chain that ends at a known root counts as publicly trusted; the same chain without it does not', () => {
    const text = signedCert(['deep', 'inter'], 'deep');
    const root = readFileSync(f('root.pem'), 'utf8');
    expect(verifyOvaSignature(cert(text), manifest, { roots: [root] }).trust).toBe('public-ca');
    expect(verifyOvaSignature(cert(text), manifest, { roots: [] }).trust).toBe('unknown-ca');
    expect(verifyOvaSignature(cert(signedCert(['deep', 'inter', 'root'], 'deep')), manifest, { roots: [root] }).trust).toBe('public-ca');
  });

  it('a self-signed certificate stays self-signed even when it is listed as a root', () => {
    const text = signedCert(['self'], 'self');
    expect(verifyOvaSignature(cert(text), manifest, { roots: [readFileSync(f('self.pem'), 'utf8')] }).trust).toBe('self-signed');
  });
});
