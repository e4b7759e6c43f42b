import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { invalid, notFound } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';

export const TOKEN_SCOPES = ['read', 'publish'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const PREFIX = 'apx_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a personal API token; the secret is returned once and only its hash is stored. */
export async function createApiToken(actor: Actor, input: { name: string; scopes: TokenScope[]; expiresInDays?: number | null }) {
  const name = input.name.trim();
  if (!name || name.length > 80) throw invalid('Give the token a name of at most 80 characters.', { name: 'Give the token a name.' });
  const scopes = [...new Set(input.scopes)].filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0) throw invalid('Choose at least one scope.', { scopes: 'Choose at least one scope.' });
  const secret = `${PREFIX}${randomBytes(24).toString('base64url')}`;
  const row = await db.apiToken.create({
    data: {
      userId: actor.id,
      name,
      prefix: secret.slice(0, 10),
      tokenHash: hashToken(secret),
      scopes,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    },
  });
  await recordAudit({ actorId: actor.id, action: 'token.create', targetType: 'ApiToken', targetId: row.id, data: { scopes } });
  return { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes, token: secret, expiresAt: row.expiresAt };
}

export async function listApiTokens(actor: Actor) {
  return db.apiToken.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
}

export async function revokeApiToken(actor: Actor, tokenId: string) {
  const result = await db.apiToken.updateMany({ where: { id: tokenId, userId: actor.id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (result.count === 0) throw notFound('That token');
  await recordAudit({ actorId: actor.id, action: 'token.revoke', targetType: 'ApiToken', targetId: tokenId });
}

/** The user and scopes behind a bearer token, or null when unknown, revoked or expired. */
export async function verifyApiToken(token: string) {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: { id: true, name: true, email: true, roles: true } } },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt < new Date())) return null;
  // Touch at most once a minute: a hot token must not write on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  }
  return { tokenId: row.id, scopes: row.scopes as TokenScope[], user: row.user };
}
