import { ButtonLink } from '@/components/ui/button';

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-red-600">403</p>
      <h1 className="mt-2 text-3xl font-bold">Not allowed</h1>
      <p className="mt-3 text-slate-600">Your account does not have access to this page.</p>
      <ButtonLink href="/" className="mt-8">
        Back to the catalog
      </ButtonLink>
    </div>
  );
}
