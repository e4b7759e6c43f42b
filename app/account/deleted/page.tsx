import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Account deleted' };

export default function AccountDeletedPage() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-3xl font-bold">Your account is deleted</h1>
      <p className="mt-3 text-slate-600">Everything it held is gone, and a confirmation is on its way to your former address. You are welcome back any time.</p>
      <ButtonLink href="/" className="mt-8">
        Go to the home page
      </ButtonLink>
    </div>
  );
}
