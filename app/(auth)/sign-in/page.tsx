import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/auth-forms';
import { Card } from '@/components/ui/card';
import { getActor } from '@/lib/server/auth/session';
import { safeNextPath } from '@/lib/core/actions/action-state';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getActor()) redirect(next);
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="mb-2 text-center text-2xl font-bold">Welcome back</h1>
      <p className="mb-8 text-center text-slate-600">Sign in to publish, review, vote and judge.</p>
      <Card className="p-6 sm:p-8">
        <SignInForm next={next} />
      </Card>
    </div>
  );
}
