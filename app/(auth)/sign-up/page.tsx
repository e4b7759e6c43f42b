import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/auth/auth-forms';
import { Card } from '@/components/ui/card';
import { getActor } from '@/lib/server/auth/session';
import { safeNextPath } from '@/lib/core/actions/action-state';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getActor()) redirect(next);
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="mb-2 text-center text-2xl font-bold">Create your account</h1>
      <p className="mb-8 text-center text-slate-600">Free. Publish appliances, review them, enter challenges.</p>
      <Card className="p-6 sm:p-8">
        <SignUpForm next={next} />
      </Card>
    </div>
  );
}
