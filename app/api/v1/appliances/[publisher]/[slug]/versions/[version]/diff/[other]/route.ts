import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { diffApplianceVersions } from '@/lib/server/inside-reports/diff-versions';

const params = z.object({ publisher: z.string(), slug: z.string(), version: z.string(), other: z.string() });

/** GET /api/v1/appliances/{publisher}/{slug}/versions/{version}/diff/{other} — packages added, removed, upgraded from {version} to {other}. */
export const GET = apiRoute({ scope: 'read', params }, async ({ actor, params: { publisher, slug, version, other } }) =>
  json(await diffApplianceVersions(actor, publisher, slug, version, other)),
);
