'use client';

import { Button } from '@/components/ui/button';
import { OutageMessage } from '@/components/layout/outage-message';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <OutageMessage />
      <Button onClick={reset} className="mt-8">
        Try again
      </Button>
    </div>
  );
}
