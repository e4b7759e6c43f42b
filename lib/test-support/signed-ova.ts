// Signed OVAs for integration and e2e tests, made the way ovftool makes them: keys and certificates
// from openssl, the manifest signed with `openssl dgst -sha256 -sign`, `name.cert` holding
// "SHA256(name.mf)= <hex signature>" and the PEM chain, members in ovftool's order
// (descriptor, manifest, certificate, disks). Test code only: it shells out to openssl.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeManifest, makeTar } from '@/lib/core/appliance-kit';

export interface Signer {
  /** Private key file (PEM). */
  key: string;
  /** The certificate chain written after the signature: signer first. */
  chainPem: string;
}

function openssl(cwd: string, args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA ("Example Test CA") and a signer it issued, a self-signed signer, and a signer whose certificate expired in 2021. */
export function makeSigners(dir: string): { ca: Signer; self: Signer; expired: Signer } {
  mkdirSync(path.join(dir, 'db'), { recursive: true });
  writeFileSync(path.join(dir, 'db/index.txt'), '');
  writeFileSync(path.join(dir, 'db/serial'), '10\n');
  writeFileSync(
    path.join(dir, 'ca.cnf'),
    '[ ca ]\ndefault_ca = test\n[ test ]\ndatabase = ./db/index.txt\nserial = ./db/serial\nnew_certs_dir = ./db\ndefault_md = sha256\npolicy = anything\nunique_subject = no\n[ anything ]\ncommonName = supplied\norganizationName = optional\n',
  );
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/O=Example Trust/CN=Example Test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(dir, ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signer.key', '-out', 'signer.csr', '-subj', '/O=Example Appliances/CN=Example Appliances Signing']);
  openssl(dir, ['x509', '-req', '-in', 'signer.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '2', '-days', '365', '-out', 'signer.pem']);
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.pem', '-days', '365', '-subj', '/O=Home Lab/CN=Home Lab Appliances']);
  openssl(dir, ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'expired.key', '-out', 'expired.csr', '-subj', '/O=Example Appliances/CN=Expired Signing']);
  openssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', 'expired.csr', '-out', 'expired.pem', '-startdate', '20200101000000Z', '-enddate', '20210101000000Z', '-notext']);
  const pem = (name: string) => readFileSync(path.join(dir, `${name}.pem`), 'utf8');
  return {
    ca: { key: path.join(dir, 'signer.key'), chainPem: pem('signer') + pem('ca') },
    self: { key: path.join(dir, 'self.key'), chainPem: pem('self') },
    expired: { key: path.join(dir, 'expired.key'), chainPem: pem('expired') + pem('ca') },
  };
}

export interface SignedOvaOptions {
  dir: string;
  ovf: string;
  ovfName: string;
  disks: { name: string; bytes: Uint8Array }[];
  signer: Signer;
  /** Changes the manifest after it was signed (the signature then no longer matches). */
  tamperManifest?: (manifest: string) => string;
}

/** An OVA signed as ovftool signs one, as bytes. */
export function makeSignedOva({ dir, ovf, ovfName, disks, signer, tamperManifest }: SignedOvaOptions): Uint8Array {
  const stem = ovfName.replace(/\.ovf$/i, '');
  const descriptor = { name: ovfName, bytes: new TextEncoder().encode(ovf) };
  const manifest = makeManifest([descriptor, ...disks], 'SHA256');
  const mfFile = path.join(dir, `${stem}-${Date.now()}-${Math.random().toString(36).slice(2)}.mf`);
  writeFileSync(mfFile, manifest);
  openssl(dir, ['dgst', '-sha256', '-sign', signer.key, '-out', `${mfFile}.sig`, mfFile]);
  const cert = `SHA256(${stem}.mf)= ${readFileSync(`${mfFile}.sig`).toString('hex')}\n${signer.chainPem}`;
  const shipped = tamperManifest ? tamperManifest(manifest) : manifest;
  return makeTar([
    descriptor,
    { name: `${stem}.mf`, bytes: new TextEncoder().encode(shipped) },
    { name: `${stem}.cert`, bytes: new TextEncoder().encode(cert) },
    ...disks,
  ]);
}
