'use client';

// When the root layout itself fails (its header reads the session from the database): a page of its own.
import './globals.css';
import { OutageMessage } from '@/components/layout/outage-message';

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <main id="main" className="mx-auto max-w-lg flex-1 px-4 py-16 text-center">
          <p className="mb-8 font-bold text-slate-900">Appliance Exchange</p>
          <OutageMessage />
          <button type="button" onClick={reset} className="mt-8 inline-flex h-10 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
