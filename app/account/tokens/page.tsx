import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { pageActor } from '@/lib/server/auth/guards';
import { listApiTokens } from '@/lib/server/api-tokens/tokens';
import { PageHeader } from '@/components/ui/page-header';
import { Card, CardHeader } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { CreateTokenForm } from '@/components/account/create-token-form';
import { RevokeTokenButton } from '@/components/account/revoke-token-button';
import { formatDate, formatDateTime } from '@/lib/core/format';

export const metadata: Metadata = { title: 'API tokens' };

function tokenState(t: { revokedAt: Date | null; expiresAt: Date | null }) {
  if (t.revokedAt) return { label: 'revoked', tone: 'red' as const };
  if (t.expiresAt && t.expiresAt < new Date()) return { label: 'expired', tone: 'amber' as const };
  return { label: 'active', tone: 'green' as const };
}

export default async function TokensPage() {
  const actor = await pageActor();
  const tokens = await listApiTokens(actor);
  return (
    <div className="mx-auto max-w-4xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/account" className="hover:text-slate-800">
          Account
        </Link>
        <span aria-hidden> / </span>API tokens
      </nav>
      <PageHeader
        title="API tokens"
        description={
          <>
            Personal tokens for the <Link href="/docs/api" className="text-brand-700 underline underline-offset-2 hover:text-brand-900">API</Link> and the <code className="rounded bg-slate-100 px-1 text-sm">apx</code> command-line client. We store only a hash: a token is shown once, when you create it.
          </>
        }
      />
      <div className="space-y-8">
        <Card>
          <CardHeader title="New token" />
          <div className="px-5 py-5">
            <CreateTokenForm />
          </div>
        </Card>
        <Card>
          <CardHeader title="Your tokens" description={tokens.length ? undefined : 'None yet.'} />
          {tokens.length > 0 && (
            <div className="relative overflow-x-auto">
              <table className="table-stack w-full text-left text-sm">
                <thead className="bg-slate-50 text-xs text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="px-5 py-2 font-medium">Name</th>
                    <th scope="col" className="px-3 py-2 font-medium">Scopes</th>
                    <th scope="col" className="px-3 py-2 font-medium">Created</th>
                    <th scope="col" className="px-3 py-2 font-medium">Last used</th>
                    <th scope="col" className="px-3 py-2 font-medium">Expires</th>
                    <th scope="col" className="px-5 py-2 font-medium"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {tokens.map((t) => {
                    const s = tokenState(t);
                    return (
                      <tr key={t.id} data-testid={`token-${t.name}`} className={t.revokedAt ? 'text-slate-500' : undefined}>
                        <td className="px-5 py-3">
                          <div className="flex items-center gap-2">
                            <span className="font-medium text-slate-900">{t.name}</span>
                            <Badge tone={s.tone}>{s.label}</Badge>
                          </div>
                          <code className="font-mono text-xs text-slate-500">{t.prefix}…</code>
                        </td>
                        <td className="px-3 py-3" data-label="Scopes">
                          <div className="flex gap-1">
                            {t.scopes.map((scope) => (
                              <Badge key={scope} tone={scope === 'publish' ? 'violet' : 'brand'}>
                                {scope}
                              </Badge>
                            ))}
                          </div>
                        </td>
                        <td className="px-3 py-3 whitespace-nowrap" data-label="Created">{formatDate(t.createdAt)}</td>
                        <td className="px-3 py-3 whitespace-nowrap" data-label="Last used">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'}</td>
                        <td className="px-3 py-3 whitespace-nowrap" data-label="Expires">{t.expiresAt ? formatDate(t.expiresAt) : 'never'}</td>
                        <td className="px-5 py-3 text-right">{!t.revokedAt && <RevokeTokenButton tokenId={t.id} name={t.name} />}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
