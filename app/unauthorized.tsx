import { ButtonLink } from '@/components/ui/button';
import { returnPathForAuthLinks } from '@/lib/server/http/current-page';
import { signInHref } from '@/lib/core/http/next-path';

export default async function Unauthorized() {
  const back = await returnPathForAuthLinks();
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-amber-800">401</p>
      <h1 className="mt-2 text-3xl font-bold">Please sign in</h1>
      <p className="mt-3 text-slate-600">You need an account for this page.</p>
      <ButtonLink href={signInHref(back)} className="mt-8">
        Sign in
      </ButtonLink>
    </div>
  );
}
