'use client';

import { useEffect, useState } from 'react';

type Health = { database?: { ok: boolean }; objectStore?: { ok: boolean } };

/**
 * What an error page says: when the cause is a store that is down, which one and when to come
 * back; otherwise that it is on our side. The error itself reaches the browser without its message
 * (production), so the page asks /api/health.
 */
export function useOutage(): string[] | null {
  const [down, setDown] = useState<string[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/health', { cache: 'no-store', signal: controller.signal })
      .then((r) => r.json() as Promise<Health>)
      .then((h) => setDown([...(h.database?.ok === false ? ['The database'] : []), ...(h.objectStore?.ok === false ? ['The object store'] : [])]))
      .catch(() => setDown(controller.signal.aborted ? null : ['The site']));
    return () => controller.abort();
  }, []);
  return down;
}

export function OutageMessage() {
  const down = useOutage();
  if (down && down.length > 0) {
    return (
      <>
        <h1 className="text-3xl font-bold">{down.join(' and ')} {down.length > 1 ? 'are' : 'is'} unavailable</h1>
        <p className="mt-3 text-slate-600" role="status">
          {down.join(' and ')} {down.length > 1 ? 'are' : 'is'} unavailable, try again in a minute. Nothing you saved is lost.
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-3xl font-bold">Something went wrong</h1>
      <p className="mt-3 text-slate-600">It is on our side and has been logged. Please try again.</p>
    </>
  );
}
