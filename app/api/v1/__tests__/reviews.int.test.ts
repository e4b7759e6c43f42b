import { describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { createApiToken, revokeApiToken } from '@/lib/server/api-tokens/tokens';
import { createTestUser } from '@/lib/test-support/factories';
import { deleteOwnReview, saveReview } from '@/lib/server/reviews/save-review';
import { listReviews } from '@/lib/server/reviews/list-reviews';
import { replyToReview, reportReview } from '@/lib/server/reviews/respond-to-review';
import { dismissReports, listReportedReviews, setReviewHidden } from '@/lib/server/reviews/moderate-reviews';
import { GET as listRoute, POST as postRoute } from '@/app/api/v1/appliances/[publisher]/[slug]/reviews/route';
import { catalogCast, createListingWithFiles } from '@/lib/server/catalog/__tests__/catalog-fixtures';

async function setup() {
  const cast = await catalogCast();
  const listing = await createListingWithFiles(cast.publisher.id, 'PUBLISHED');
  return { cast, listing, h: cast.publisher.handle, slug: listing.appliance.slug, applianceId: listing.appliance.id };
}

const rating = async (id: string) => db.appliance.findUniqueOrThrow({ where: { id }, select: { ratingAvg: true, ratingCount: true } });

describe('reviews', () => {
  it('one review per user: saving again edits it, and the average follows in the same transaction', async () => {
    const { h, slug, applianceId } = await setup();
    const a = (await createTestUser()).actor;
    const b = (await createTestUser()).actor;
    await saveReview(a, h, slug, { rating: 5, body: 'Great' });
    await saveReview(b, h, slug, { rating: 2, body: 'Meh' });
    expect(await rating(applianceId)).toEqual({ ratingAvg: 3.5, ratingCount: 2 });
    await saveReview(a, h, slug, { rating: 4, body: 'Good, edited' });
    expect(await rating(applianceId)).toEqual({ ratingAvg: 3, ratingCount: 2 });
    expect(await db.review.count({ where: { applianceId } })).toBe(2);
    await deleteOwnReview(b, (await db.review.findFirstOrThrow({ where: { applianceId, userId: b.id } })).id);
    expect(await rating(applianceId)).toEqual({ ratingAvg: 4, ratingCount: 1 });
  });

  it('keeps the count exact when many users review at once', async () => {
    const { h, slug, applianceId } = await setup();
    const users = await Promise.all(Array.from({ length: 8 }, () => createTestUser()));
    await Promise.all(users.map((u, i) => saveReview(u.actor, h, slug, { rating: (i % 5) + 1, body: '' })));
    const r = await rating(applianceId);
    expect(r.ratingCount).toBe(8);
    expect(r.ratingAvg).toBeCloseTo((1 + 2 + 3 + 4 + 5 + 1 + 2 + 3) / 8);
  });

  it('refuses the publisher reviewing their own listing, hidden listings, and others deleting a review', async () => {
    const { cast, h, slug, applianceId } = await setup();
    await expect(saveReview(cast.owner, h, slug, { rating: 5, body: 'Mine is best' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const hiddenListing = await createListingWithFiles(cast.publisher.id, 'UNLISTED');
    await expect(saveReview(cast.stranger, h, hiddenListing.appliance.slug, { rating: 1, body: '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const author = (await createTestUser()).actor;
    const review = await saveReview(author, h, slug, { rating: 3, body: 'ok' });
    await expect(deleteOwnReview(cast.stranger, review.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteOwnReview(cast.admin, review.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.review.count({ where: { applianceId } })).toBe(1);
  });

  it('the publisher replies; nobody else can', async () => {
    const { cast, h, slug, applianceId } = await setup();
    const review = await saveReview(cast.stranger, h, slug, { rating: 2, body: 'Does not boot' });
    await expect(replyToReview(cast.stranger, review.id, 'I reply to myself')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await replyToReview(cast.owner, review.id, 'Fixed in 1.0.1.');
    const { items } = await listReviews(null, applianceId);
    expect(items[0]).toMatchObject({ reply: 'Fixed in 1.0.1.', author: { name: expect.any(String) } });
  });

  it('reports reach admins; hiding takes the review out of lists and out of the average', async () => {
    const { cast, h, slug, applianceId } = await setup();
    const troll = (await createTestUser()).actor;
    const fan = (await createTestUser()).actor;
    const bad = await saveReview(troll, h, slug, { rating: 1, body: 'spam spam' });
    await saveReview(fan, h, slug, { rating: 5, body: 'Lovely' });
    await reportReview(fan, bad.id, 'Spam');
    await expect(reportReview(fan, bad.id, 'Spam again')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(reportReview(troll, bad.id, 'report myself')).rejects.toMatchObject({ code: 'INVALID' });
    await expect(listReportedReviews(cast.stranger)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setReviewHidden(cast.owner, bad.id, true, 'spam')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const queue = await listReportedReviews(cast.admin);
    expect(queue.find((r) => r.id === bad.id)?.openReports).toBe(1);

    await setReviewHidden(cast.admin, bad.id, true, 'Spam');
    expect(await rating(applianceId)).toEqual({ ratingAvg: 5, ratingCount: 1 });
    expect((await listReviews(null, applianceId)).items.map((r) => r.id)).not.toContain(bad.id);
    expect((await listReviews(fan, applianceId)).items.map((r) => r.id)).not.toContain(bad.id);
    // Its author still sees it, with the reason; admins see it too.
    expect((await listReviews(troll, applianceId)).items.find((r) => r.id === bad.id)).toMatchObject({ hidden: true, hiddenReason: 'Spam' });
    expect((await listReviews(cast.admin, applianceId)).items.map((r) => r.id)).toContain(bad.id);
    expect((await listReportedReviews(cast.admin)).find((r) => r.id === bad.id)).toBeUndefined();
    await expect(reportReview(fan, bad.id, 'x x x')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await setReviewHidden(cast.admin, bad.id, false, null);
    expect(await rating(applianceId)).toEqual({ ratingAvg: 3, ratingCount: 2 });
    await reportReview(cast.stranger, bad.id, 'still spam');
    await dismissReports(cast.admin, bad.id);
    await expect(dismissReports(cast.admin, bad.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages reviews with cursors', async () => {
    const { h, slug, applianceId } = await setup();
    const users = await Promise.all(Array.from({ length: 5 }, () => createTestUser()));
    for (const u of users) await saveReview(u.actor, h, slug, { rating: 4, body: '' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listReviews>> = await listReviews(null, applianceId, { cursor, limit: 2 });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    await expect(listReviews(null, applianceId, { cursor: 'garbage' })).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('rate-limits review writes per user', async () => {
    const { h, slug } = await setup();
    const user = (await createTestUser()).actor;
    for (let i = 0; i < 20; i++) await saveReview(user, h, slug, { rating: (i % 5) + 1, body: `edit ${i}` });
    await expect(saveReview(user, h, slug, { rating: 5, body: 'one too many' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('the reviews API and token scopes', () => {
  const post = (h: string, slug: string, body: unknown, token?: string) =>
    postRoute(
      new Request('http://localhost/x', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ publisher: h, slug }) },
    );

  it('a read token cannot write a review; a publish token can; a revoked one cannot; anonymous gets 401', async () => {
    const { h, slug, applianceId } = await setup();
    const user = await createTestUser();
    const read = await createApiToken(user.actor, { name: 'read', scopes: ['read'] });
    const publish = await createApiToken(user.actor, { name: 'rw', scopes: ['publish'] });
    const denied = await post(h, slug, { rating: 5, body: 'via read token' }, read.token);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.review.count({ where: { applianceId } })).toBe(0);
    expect((await post(h, slug, { rating: 5, body: 'anon' })).status).toBe(401);

    const ok = await post(h, slug, { rating: 4, body: '**works**' }, publish.token);
    expect(ok.status).toBe(201);
    await revokeApiToken(user.actor, publish.id);
    expect((await post(h, slug, { rating: 1, body: 'after revoke' }, publish.token)).status).toBe(401);
    expect((await db.review.findFirstOrThrow({ where: { applianceId } })).rating).toBe(4);

    // Reading works with the read token.
    const list = await listRoute(new Request('http://localhost/x', { headers: { authorization: `Bearer ${read.token}` } }), { params: Promise.resolve({ publisher: h, slug }) });
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ ratingCount: 1, ratingAvg: 4, items: [{ rating: 4, body: '**works**', own: true }] });
  });

  it('validates the body: stars 1–5, text capped, JSON only', async () => {
    const { h, slug } = await setup();
    const user = await createTestUser();
    const token = (await createApiToken(user.actor, { name: 'rw', scopes: ['publish'] })).token;
    for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 2.5 }, { rating: 'five' }, { rating: 3, body: 'x'.repeat(5001) }]) {
      const res = await post(h, slug, body, token);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const notJson = await postRoute(new Request('http://localhost/x', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, body: 'rating=5' }), {
      params: Promise.resolve({ publisher: h, slug }),
    });
    expect(notJson.status).toBe(415);
  });
});
