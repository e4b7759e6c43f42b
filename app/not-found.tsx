import { ButtonLink } from '@/components/ui/button';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-3xl font-bold">Not found</h1>
      <p className="mt-3 text-slate-600">This page does not exist, or it is not visible to you.</p>
      <ButtonLink href="/" className="mt-8">
        Back to the catalog
      </ButtonLink>
    </div>
  );
}
