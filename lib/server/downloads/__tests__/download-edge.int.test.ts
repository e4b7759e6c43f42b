import type { IncomingMessage, ServerResponse } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { serveDownloadAtTheEdge } from '@/lib/server/downloads/download-edge';
import { downloadActorKey, forgetCountedDownloads } from '@/lib/server/downloads/record-download';
import { catalogCast, createListingWithFiles } from '@/lib/server/catalog/__tests__/catalog-fixtures';

/** What the edge did with one request: `false` (Next.js answers) or the answer it wrote. */
async function ask(url: string, headers: Record<string, string> = {}, method = 'GET') {
  const req = { method, url, headers: { 'x-forwarded-for': '192.0.2.44', ...headers } } as unknown as IncomingMessage;
  let status = 0;
  let written: Record<string, string> = {};
  let ended = false;
  const res = {
    writeHead(code: number, h: Record<string, string>) {
      status = code;
      written = h;
      return this;
    },
    end() {
      ended = true;
    },
  } as unknown as ServerResponse;
  const served = serveDownloadAtTheEdge(req, res);
  const result = served === false ? false : await served;
  return { result, sync: served === false, status, headers: written, ended };
}

const waitForCount = async (applianceId: string, expected: number) => {
  for (let i = 0; i < 50; i++) {
    const { downloadCount } = await db.appliance.findUniqueOrThrow({ where: { id: applianceId } });
    if (downloadCount === expected) return downloadCount;
    await new Promise((r) => setTimeout(r, 20));
  }
  return (await db.appliance.findUniqueOrThrow({ where: { id: applianceId } })).downloadCount;
};

beforeEach(() => forgetCountedDownloads());

describe('the download edge (scripts/serve.ts, before Next.js)', () => {
  it('answers an anonymous download of a public file with the 302 the route gives, and counts it', async () => {
    const cast = await catalogCast();
    const listing = await createListingWithFiles(cast.publisher.id, 'PUBLISHED');
    const file = listing.files.verified;
    const answer = await ask(`/api/v1/files/${file.id}/download?utm=x`);
    expect(answer.result).toBe(true);
    expect(answer.status).toBe(302);
    expect(answer.ended).toBe(true);
    const location = new URL(answer.headers.location);
    expect(location.pathname).toContain(file.objectKey);
    expect(location.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.headers['cache-control']).toBe('private, no-store');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(await waitForCount(listing.appliance.id, 1)).toBe(1);
    const events = await db.downloadEvent.findMany({ where: { fileId: file.id } });
    expect(events.map((e) => e.actorKey)).toEqual([downloadActorKey(null, '192.0.2.44')]);
  });

  it('leaves every file the public may not download to Next.js (which answers 404)', async () => {
    const cast = await catalogCast();
    const published = await createListingWithFiles(cast.publisher.id, 'PUBLISHED');
    const draft = await createListingWithFiles(cast.publisher.id, 'DRAFT');
    const unlisted = await createListingWithFiles(cast.publisher.id, 'UNLISTED');
    const notPublic = [
      published.files.rejected,
      published.files.pending,
      published.files.revoked,
      published.files.draft,
      draft.files.verified,
      unlisted.files.verified,
    ];
    for (const file of notPublic) {
      const answer = await ask(`/api/v1/files/${file.id}/download`);
      expect(answer, file.id).toMatchObject({ result: false, status: 0, ended: false });
    }
    expect(await ask('/api/v1/files/no-such-file/download')).toMatchObject({ result: false, status: 0 });
  });

  it('does not touch requests that carry a session or a token, other methods and other paths', async () => {
    const cast = await catalogCast();
    const listing = await createListingWithFiles(cast.publisher.id, 'PUBLISHED');
    const path = `/api/v1/files/${listing.files.verified.id}/download`;
    const untouched = [
      await ask(path, { cookie: 'theme=dark; better-auth.session_token=abc' }),
      await ask(path, { cookie: '__Secure-better-auth.session_token=abc' }),
      await ask(path, { authorization: 'Bearer apx_x' }),
      await ask(path, {}, 'HEAD'),
      await ask(path, {}, 'POST'),
      await ask(`${path}/`),
      await ask(`/api/v1/files/${listing.files.verified.id}/launch`),
      await ask('/api/v1/files/../../etc/passwd/download'),
      await ask(`/api/v1/files/${'x'.repeat(65)}/download`),
    ];
    for (const answer of untouched) expect(answer).toMatchObject({ result: false, sync: true, status: 0 });
    // A cookie that is not a session does not stop the edge.
    expect(await ask(path, { cookie: 'theme=dark' })).toMatchObject({ result: true, status: 302 });
  });
});
