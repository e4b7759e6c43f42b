import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { PageHeader } from '@/components/ui/page-header';
import { Card, CardHeader } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { Link } from '@/components/ui/link';
import { pageActor } from '@/lib/server/auth/guards';
import { currentSessionId, listOwnSessions } from '@/lib/server/users/account-settings';
import { getAccountDeletionImpact } from '@/lib/server/users/delete-account';
import { DeleteAccountForm, EmailForm, NameForm, PasswordForm, SignOutOthersForm } from '@/components/account/account-settings-forms';
import { formatDate } from '@/lib/core/format';

export const metadata: Metadata = { title: 'Your account' };

const LINK_ERRORS: Record<string, string> = {
  TOKEN_EXPIRED: 'That confirmation link has expired. Ask for a new one below.',
  INVALID_TOKEN: 'That confirmation link is not valid (perhaps it was used already). Ask for a new one below.',
  INVALID_USER: 'That confirmation link belongs to another account: sign out and open it again.',
  USER_NOT_FOUND: 'That confirmation link belongs to an account that no longer exists.',
};

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ email?: string; error?: string }> }) {
  const actor = await pageActor();
  const { email: emailParam, error } = await searchParams;
  const h = await headers();
  const [sessions, impact] = await Promise.all([listOwnSessions(actor, await currentSessionId(h)), getAccountDeletionImpact(actor)]);
  const others = sessions.filter((s) => !s.current).length;
  const linkError = typeof error === 'string' ? (LINK_ERRORS[error] ?? 'That confirmation link did not work. Ask for a new one below.') : null;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title="Your account" />
      {emailParam === 'changed' && !linkError && (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-800 ring-1 ring-emerald-200">
          Your e-mail address is now <span className="font-medium">{actor.email}</span>.
        </p>
      )}
      {linkError && (
        <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700 ring-1 ring-red-200">
          {linkError}
        </p>
      )}

      <Card>
        <CardHeader title="Profile" />
        <div className="space-y-4 p-5">
          <NameForm name={actor.name} />
          <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4 text-sm">
            <span className="text-slate-600">Roles</span>
            {actor.roles.map((r) => (
              <Badge key={r}>{r.toLowerCase()}</Badge>
            ))}
          </div>
        </div>
      </Card>

      <Card>
        <CardHeader title="E-mail address" />
        <div className="p-5">
          <EmailForm email={actor.email} />
        </div>
      </Card>

      <Card>
        <CardHeader title="Password" />
        <div className="p-5">
          <PasswordForm />
        </div>
      </Card>

      <Card>
        <CardHeader title="Sessions" description="Where your account is signed in. Signing out of the others ends them at once." />
        <ul className="divide-y divide-slate-100" aria-label="Sessions">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
              <div>
                <p className="font-medium text-slate-900">
                  {s.browser} {s.current && <Badge tone="green">this session</Badge>}
                </p>
                <p className="text-slate-600">
                  {s.ipAddress ? `${s.ipAddress} · ` : ''}signed in {formatDate(s.createdAt)} · last active {formatDate(s.lastActiveAt)}
                </p>
              </div>
            </li>
          ))}
        </ul>
        <div className="border-t border-slate-100 p-5">
          <SignOutOthersForm others={others} />
        </div>
      </Card>

      <Card className="flex items-center justify-between gap-4 p-6">
        <div>
          <h2 className="font-semibold text-slate-900">API tokens</h2>
          <p className="text-sm text-slate-600">Personal tokens for the API and the apx command-line client, scoped read or publish.</p>
        </div>
        <Link href="/account/tokens" className="shrink-0 text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
          Manage tokens →
        </Link>
      </Card>

      <Card className="border-red-200" data-testid="delete-account">
        <CardHeader title="Delete your account" />
        <div className="space-y-4 p-5 text-sm text-slate-700">
          <p>
            This deletes your account for good: your reviews, votes, API tokens, sessions and notifications go with it. Downloads you made stay counted, without your name.
          </p>
          {impact.listings.length > 0 ? (
            <div className="space-y-2">
              <p>
                As publisher <span className="font-medium text-slate-900">{impact.publisher?.displayName}</span>, your publisher profile and{' '}
                {impact.listings.length === 1 ? 'your listing' : `your ${impact.listings.length} listings`} are deleted too, with every version, file and screenshot. Nobody can download them from
                this site afterwards (people who already did keep their copies). We do not hand listings to someone else: to keep them available, keep your account.
              </p>
              <ul className="list-disc space-y-0.5 pl-5" aria-label="Listings deleted with the account">
                {impact.listings.map((l) => (
                  <li key={l.slug}>
                    {l.name} <span className="text-slate-600">({l.status.replace('_', ' ').toLowerCase()}, {l.files === 1 ? '1 file' : `${l.files} files`})</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p>You publish no listings, so no appliance goes with your account.</p>
          )}
          {impact.blockers.length > 0 && (
            <div role="note" className="rounded-lg bg-amber-50 px-4 py-3 text-amber-900 ring-1 ring-amber-200">
              <p className="font-medium">Your account cannot be deleted yet:</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {impact.blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </div>
          )}
          <DeleteAccountForm listings={impact.listings.length} blocked={impact.blockers.length > 0} />
        </div>
      </Card>
    </div>
  );
}
