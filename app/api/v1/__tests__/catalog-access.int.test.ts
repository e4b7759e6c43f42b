// Hidden listings and files answer "not found" to everyone but their owner, judges assigned to
// them and admins — in the detail service (pages), the API routes, the Vagrant catalog, the file
// endpoints and downloads, and for guessed ids.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/core/auth/roles';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { getFileInfo, getLaunchPlan } from '@/lib/server/catalog/get-file-info';
import { getVagrantCatalog } from '@/lib/server/catalog/get-vagrant-catalog';
import { findFile } from '@/lib/server/catalog/listing-access';
import { prepareDownload } from '@/lib/server/downloads/prepare-download';
import { getDailyDownloads } from '@/lib/server/downloads/daily-downloads';
import { createApiToken } from '@/lib/server/api-tokens/tokens';
import { GET as getApplianceRoute } from '@/app/api/v1/appliances/[publisher]/[slug]/route';
import { GET as getFileRoute } from '@/app/api/v1/files/[id]/route';
import { GET as getVagrantRoute, HEAD as headVagrantRoute } from '@/app/api/v1/vagrant/[publisher]/[appliance]/route';
import { GET as getFilesRoute } from '@/app/api/v1/appliances/[publisher]/[slug]/versions/[version]/files/route';
import { createTestAppliance, createTestVersion } from '@/lib/test-support/factories';
import { assignJudge, catalogCast, createListingWithFiles, createTestFile } from '@/lib/server/catalog/__tests__/catalog-fixtures';

const HIDDEN = ['DRAFT', 'IN_REVIEW', 'REJECTED', 'UNLISTED'] as const;

type Cast = Awaited<ReturnType<typeof catalogCast>>;
let cast: Cast;
let published: Awaited<ReturnType<typeof createListingWithFiles>>;
const hidden = {} as Record<(typeof HIDDEN)[number], Awaited<ReturnType<typeof createListingWithFiles>>>;
let judge: Actor;

beforeAll(async () => {
  cast = await catalogCast();
  published = await createListingWithFiles(cast.publisher.id, 'PUBLISHED');
  for (const status of HIDDEN) hidden[status] = await createListingWithFiles(cast.publisher.id, status);
  judge = await assignJudge(hidden.UNLISTED.appliance.id, hidden.UNLISTED.versions.released.id, cast.owner.id);
});

const call = <P,>(handler: (r: Request, c: { params: Promise<P> }) => Promise<Response>, path: string, params: P, headers: Record<string, string> = {}) =>
  handler(new Request(`http://localhost${path}`, { headers }), { params: Promise.resolve(params) });

describe('hidden listings', () => {
  it.each(HIDDEN)('%s: invisible to anonymous callers, strangers and unassigned judges everywhere', async (status) => {
    const { appliance, files } = hidden[status];
    const h = cast.publisher.handle;
    for (const who of [null, cast.stranger, cast.otherJudge]) {
      expect(await getApplianceDetail(who, h, appliance.slug)).toBeNull();
      expect(await getVagrantCatalog(who, h, appliance.slug)).toBeNull();
      for (const f of Object.values(files)) {
        expect(await findFile(who, f.id)).toBeNull();
        await expect(prepareDownload(who, f.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(getFileInfo(who, f.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(getLaunchPlan(who, f.id, 'qemu')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
    }
    // The API answers 404 problem+json, for the listing, its files, its box catalog (GET and HEAD).
    const res = await call(getApplianceRoute, `/api/v1/appliances/${h}/${appliance.slug}`, { publisher: h, slug: appliance.slug });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await call(getFileRoute, `/api/v1/files/${files.verified.id}`, { id: files.verified.id })).status).toBe(404);
    expect((await call(getVagrantRoute, `/api/v1/vagrant/${h}/${appliance.slug}`, { publisher: h, appliance: appliance.slug })).status).toBe(404);
    expect((await call(headVagrantRoute, `/api/v1/vagrant/${h}/${appliance.slug}`, { publisher: h, appliance: appliance.slug })).status).toBe(404);
    expect((await call(getFilesRoute, '/x', { publisher: h, slug: appliance.slug, version: '1.0.0' })).status).toBe(404);
  });

  it.each(HIDDEN)('%s: visible with every file to the owner and admins', async (status) => {
    const { appliance, files } = hidden[status];
    for (const who of [cast.owner, cast.admin]) {
      const detail = await getApplianceDetail(who, cast.publisher.handle, appliance.slug);
      expect(detail?.viewer.privileged).toBe(true);
      expect(detail?.versions.map((v) => v.version)).toEqual(['2.0.0-beta', '1.0.0', '0.9.0']);
      expect((await findFile(who, files.verified.id))?.downloadable).toBe(true);
      expect((await findFile(who, files.rejected.id))?.downloadable).toBe(true);
      await expect(prepareDownload(who, files.revoked.id)).resolves.toMatchObject({ fileId: files.revoked.id });
    }
  });

  it('an assigned judge sees and downloads the listing they judge, but not the reject reason', async () => {
    const { appliance, files } = hidden.UNLISTED;
    const detail = await getApplianceDetail(judge, cast.publisher.handle, appliance.slug);
    expect(detail?.viewer.assignedJudge).toBe(true);
    await expect(prepareDownload(judge, files.verified.id)).resolves.toMatchObject({ url: expect.stringContaining('X-Amz-Signature') });
    const info = await getFileInfo(judge, files.rejected.id);
    expect(info.status).toBe('REJECTED');
    expect(info.rejectReason).toBeNull();
    expect((await getFileInfo(cast.owner, files.rejected.id)).rejectReason).toContain('secret detail');
    // Another hidden listing of the same publisher stays hidden from that judge.
    expect(await getApplianceDetail(judge, cast.publisher.handle, hidden.DRAFT.appliance.slug)).toBeNull();
    // Their daily download chart is for the owner and admins only.
    await expect(getDailyDownloads(judge, cast.publisher.handle, appliance.slug, 30)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("an owner's read token sees their hidden listing through the API; another user's token does not", async () => {
    const { appliance } = hidden.DRAFT;
    const h = cast.publisher.handle;
    const own = await createApiToken(cast.owner, { name: 'cli', scopes: ['read'] });
    const other = await createApiToken(cast.stranger, { name: 'cli', scopes: ['read', 'publish'] });
    const as = (token: string) => call(getApplianceRoute, '/x', { publisher: h, slug: appliance.slug }, { authorization: `Bearer ${token}` });
    expect((await as(own.token)).status).toBe(200);
    expect((await as(other.token)).status).toBe(404);
    expect((await as('apx_not-a-real-token')).status).toBe(401);
  });
});

describe('a published listing', () => {
  it('shows the public only verified files of released versions', async () => {
    const detail = await getApplianceDetail(null, cast.publisher.handle, published.appliance.slug);
    expect(detail?.versions.map((v) => [v.version, v.files.map((f) => f.id).sort()])).toEqual([
      ['1.0.0', [published.files.verified.id, published.files.box.id].sort()],
      ['0.9.0', []],
    ]);
    for (const f of [published.files.rejected, published.files.pending, published.files.revoked, published.files.draft]) {
      expect(await findFile(null, f.id)).toBeNull();
      await expect(prepareDownload(cast.stranger, f.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const target = await prepareDownload(null, published.files.verified.id);
    const url = new URL(target.url);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-disposition')).toContain(`filename="${published.files.verified.fileName}"`);
  });

  it('answers Vagrant 404, not an empty catalog, when it has no released, verified box', async () => {
    const noBox = await createTestAppliance(cast.publisher.id, { status: 'PUBLISHED', publishedAt: new Date() });
    const released = await createTestVersion(noBox.id, '1.0.0', { status: 'RELEASED', releasedAt: new Date() });
    await createTestFile(released.id);
    // A box of a draft version, and one still being verified, do not make a catalog either.
    await createTestFile((await createTestVersion(noBox.id, '2.0.0', { status: 'DRAFT' })).id, { format: 'VAGRANT_BOX', provider: 'libvirt' });
    await createTestFile(released.id, { format: 'VAGRANT_BOX', provider: 'virtualbox', status: 'PENDING' });
    const h = cast.publisher.handle;
    expect(await getApplianceDetail(null, h, noBox.slug)).not.toBeNull();
    for (const who of [null, cast.owner, cast.admin]) expect(await getVagrantCatalog(who, h, noBox.slug)).toBeNull();
    const get = await call(getVagrantRoute, `/api/v1/vagrant/${h}/${noBox.slug}`, { publisher: h, appliance: noBox.slug });
    expect(get.status).toBe(404);
    expect(get.headers.get('content-type')).toBe('application/problem+json');
    expect((await call(headVagrantRoute, `/api/v1/vagrant/${h}/${noBox.slug}`, { publisher: h, appliance: noBox.slug })).status).toBe(404);
  });

  it('publishes its released, verified boxes in the Vagrant catalog with absolute download URLs', async () => {
    const catalog = await getVagrantCatalog(null, cast.publisher.handle, published.appliance.slug);
    expect(catalog).toEqual({
      name: `${cast.publisher.handle}/${published.appliance.slug}`,
      description: expect.any(String),
      versions: [
        {
          version: '1.0.0',
          status: 'active',
          description_markdown: '',
          providers: [
            {
              name: 'libvirt',
              url: `http://localhost:3999/api/v1/files/${published.files.box.id}/download`,
              checksum_type: 'sha256',
              checksum: published.files.box.sha256,
              architecture: 'amd64',
              default_architecture: true,
            },
          ],
        },
      ],
    });
    const res = await call(headVagrantRoute, '/x', { publisher: cast.publisher.handle, appliance: published.appliance.slug });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('answers guessed and hostile ids and slugs with 404, never 500', async () => {
    for (const id of ['nope', '../../etc/passwd', "' OR 1=1 --", '%00', 'x'.repeat(500), '😀']) {
      const res = await call(getFileRoute, '/x', { id });
      expect(res.status, id).toBe(404);
      await expect(prepareDownload(null, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    for (const slug of ['nope', "a'b", '..', '']) {
      const res = await call(getApplianceRoute, '/x', { publisher: cast.publisher.handle, slug });
      expect(res.status, slug).toBe(404);
    }
  });

  it('gives the launch text from lib/core/launch for a verified file, and refuses unknown players', async () => {
    const plan = await getLaunchPlan(null, published.files.verified.id, 'qemu');
    expect(plan.plan.supported).toBe(true);
    expect(plan.text).toContain('qemu-system-x86_64');
    expect(plan.text).toContain(published.files.verified.fileName);
    const vagrant = await getLaunchPlan(null, published.files.box.id, 'vagrant');
    expect(vagrant.text).toContain(`/api/v1/vagrant/${cast.publisher.handle}/${published.appliance.slug}`);
    await expect(getLaunchPlan(null, published.files.verified.id, 'hyperv')).rejects.toMatchObject({ code: 'INVALID' });
  });
});
