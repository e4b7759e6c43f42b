'use client';

import { useEffect } from 'react';
import { unstable_isUnrecognizedActionError } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { OutageMessage } from '@/components/layout/outage-message';

const RELOADED_KEY = 'apx-reloaded-for-new-build';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // A form of a page from another build (a deploy happened while it was open): its action is
  // unknown to this server. Loading the page again gives the current form; once only, so a real
  // fault cannot loop.
  const staleBuild = unstable_isUnrecognizedActionError(error);
  useEffect(() => {
    if (!staleBuild) return;
    const last = Number(sessionStorage.getItem(RELOADED_KEY) ?? 0);
    if (Date.now() - last > 60_000) {
      sessionStorage.setItem(RELOADED_KEY, String(Date.now()));
      window.location.reload();
    }
  }, [staleBuild]);
  if (staleBuild) {
    return (
      <div className="mx-auto max-w-lg py-16 text-center" role="alert">
        <h1 className="text-3xl font-bold">This page was updated</h1>
        <p className="mt-3 text-slate-600">A new version of the site went live while the page was open, so the form could not be sent. Reload the page and send it again.</p>
        <Button onClick={() => window.location.reload()} className="mt-8">
          Reload the page
        </Button>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-lg py-16 text-center" role="alert">
      <OutageMessage />
      <Button onClick={reset} className="mt-8">
        Try again
      </Button>
    </div>
  );
}
