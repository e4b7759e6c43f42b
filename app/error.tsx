'use client';

import { Button } from '@/components/ui/button';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-3xl font-bold">Something went wrong</h1>
      <p className="mt-3 text-slate-600">It is on our side and has been logged. Please try again.</p>
      <Button onClick={reset} className="mt-8">
        Try again
      </Button>
    </div>
  );
}
