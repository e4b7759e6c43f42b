// Who may read what is inside a file: /inside and /sbom follow the download route's decision, the
// version diff the appliance page's; everyone else gets 404.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import type { InsideReport } from '@/lib/core/inside/types';
import { inspectFile } from '@/lib/server/files/inspect-file';
import { fileObjectKey } from '@/lib/core/files/object-key';
import { putObject } from '@/lib/server/storage/s3';
import { readFileInside, type ReadInside } from '@/lib/server/inside-reports/read-file-inside';
import { getFileInside } from '@/lib/server/inside-reports/get-file-inside';
import { createApiToken } from '@/lib/server/api-tokens/tokens';
import { makeDemoAppliance } from '@/lib/core/appliance-kit';
import { createTestAppliance, createTestPublisher, createTestUser, createTestVersion, uid } from '@/lib/test-support/factories';
import { GET as insideRoute } from '@/app/api/v1/files/[id]/inside/route';
import { GET as sbomRoute } from '@/app/api/v1/files/[id]/sbom/route';
import { GET as diffRoute } from '@/app/api/v1/appliances/[publisher]/[slug]/versions/[version]/diff/[other]/route';

const call = <P,>(handler: (r: Request, c: { params: Promise<P> }) => Promise<Response>, params: P, headers: Record<string, string> = {}) =>
  handler(new Request('http://localhost/x', { headers }), { params: Promise.resolve(params) });

const pkg = (name: string, version: string) => ({ manager: 'dpkg' as const, name, version, arch: 'amd64', purl: `pkg:deb/debian/${name}@${version}?arch=amd64&distro=debian-12` });

/** A reader standing in for lib/core/inside's: it really reads the MBR through the source, then reports `packages`. */
function readerReporting(packages: ReturnType<typeof pkg>[], seen: { mbr?: Uint8Array; format?: string; budget?: number } = {}): ReadInside {
  return async (source, opts) => {
    seen.mbr = await source.read(0, 512);
    seen.format = opts.format;
    seen.budget = opts.diskBudgetBytes;
    const report: InsideReport = {
      schemaVersion: 1, status: 'read', filesystems: [{ partition: 1, type: 'ext4', readable: true, sizeBytes: 1 }],
      os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' }, kernels: ['6.1.0-26-amd64'], packages, services: [],
      findings: [{ code: 'ssh-host-keys', severity: 'high', title: 'SSH host keys are baked into the image', detail: 'Every copy shares them.', paths: ['/etc/ssh/ssh_host_ed25519_key'] }],
      bytesRead: 512,
    };
    return report;
  };
}

const kit = makeDemoAppliance({ name: 'Inside Probe', vendor: 'Test Works', version: '1.0', message: 'inside probe', sizeBytes: 2 * 1024 * 1024 });

async function uploadVerified(applianceId: string, versionId: string): Promise<string> {
  const fileId = uid(12);
  const objectKey = fileObjectKey({ applianceId, versionId, fileId, fileName: kit.raw.fileName });
  await putObject(objectKey, kit.raw.bytes, 'application/octet-stream');
  await db.applianceFile.create({
    data: { id: fileId, versionId, format: 'RAW', fileName: kit.raw.fileName, sizeBytes: BigInt(kit.raw.sizeBytes), objectKey, clientSha256: kit.raw.sha256, status: 'PENDING' },
  });
  const verdict = await inspectFile(fileId);
  expect(verdict?.verdict).toBe('VERIFIED');
  return fileId;
}

let owner: Actor;
let stranger: Actor;
let handle: string;

beforeAll(async () => {
  const p = await createTestPublisher();
  owner = p.owner;
  handle = p.publisher.handle;
  stranger = (await createTestUser()).actor;
});

async function listing(status: 'PUBLISHED' | 'DRAFT', name?: string) {
  const appliance = await createTestAppliance((await db.publisher.findUniqueOrThrow({ where: { handle } })).id, { status, publishedAt: status === 'PUBLISHED' ? new Date() : null, ...(name ? { name } : {}) });
  const v1 = await createTestVersion(appliance.id, '1.0', { status: 'RELEASED', releasedAt: new Date(Date.now() - 86_400_000) });
  const v2 = await createTestVersion(appliance.id, '1.1', { status: 'RELEASED', releasedAt: new Date() });
  return { appliance, v1, v2 };
}

describe('who may read /inside, /sbom and the diff', () => {
  it('the owner reads the report of an unpublished listing; another user and anonymous callers get 404', async () => {
    const { appliance, v1 } = await listing('DRAFT');
    const fileId = await uploadVerified(appliance.id, v1.id);
    await readFileInside(fileId, readerReporting([pkg('bash', '5.2')]));
    const own = await createApiToken(owner, { name: 'cli', scopes: ['read'] });
    const other = await createApiToken(stranger, { name: 'cli', scopes: ['read'] });

    const mine = await call(insideRoute, { id: fileId }, { authorization: `Bearer ${own.token}` });
    expect(mine.status).toBe(200);
    const body = (await mine.json()) as { status: string; report: InsideReport };
    expect(body.status).toBe('READ');
    expect(body.report.packages[0].name).toBe('bash');

    const callers: Record<string, string>[] = [{ authorization: `Bearer ${other.token}` }, {}];
    for (const headers of callers) {
      for (const route of [insideRoute, sbomRoute]) {
        const res = await call(route, { id: fileId }, headers);
        expect(res.status).toBe(404);
        expect(await res.text()).not.toContain('bash');
      }
    }
    await expect(getFileInside(stranger, fileId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getFileInside(null, fileId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(diffRoute, { publisher: handle, slug: appliance.slug, version: '1.0', other: '1.1' }, {})).status).toBe(404);
    // Hostile ids never reach the database.
    expect((await call(insideRoute, { id: "x' OR 1=1 --" })).status).toBe(404);
  });

  it('anyone may read a published file: the report, the SBOM as a CycloneDX attachment, and the version diff', async () => {
    const { appliance, v1, v2 } = await listing('PUBLISHED');
    const f1 = await uploadVerified(appliance.id, v1.id);
    const f2 = await uploadVerified(appliance.id, v2.id);
    await readFileInside(f1, readerReporting([pkg('bash', '5.1'), pkg('gone', '1')]));
    await readFileInside(f2, readerReporting([pkg('bash', '5.2'), pkg('nginx', '1.22.1-9')]));

    expect((await call(insideRoute, { id: f2 })).status).toBe(200);
    const sbom = await call(sbomRoute, { id: f2 });
    expect(sbom.status).toBe(200);
    expect(sbom.headers.get('content-type')).toMatch(/^application\/vnd\.cyclonedx\+json/);
    expect(sbom.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.cdx\.json"/);
    const bom = (await sbom.json()) as { bomFormat: string; specVersion: string; components: { name: string; purl?: string }[] };
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components.map((c) => c.name)).toEqual(expect.arrayContaining(['bash', 'nginx']));

    const diff = await call(diffRoute, { publisher: handle, slug: appliance.slug, version: '1.0', other: '1.1' });
    expect(diff.status).toBe(200);
    const d = (await diff.json()) as { added: { name: string }[]; removed: { name: string }[]; upgraded: { name: string; from: string; to: string }[] };
    expect(d.added.map((p) => p.name)).toEqual(['nginx']);
    expect(d.removed.map((p) => p.name)).toEqual(['gone']);
    expect(d.upgraded).toEqual([{ name: 'bash', from: '5.1', to: '5.2' }]);
    expect((await call(diffRoute, { publisher: handle, slug: appliance.slug, version: '1.0', other: '9.9' })).status).toBe(404);
  });
});
