'use client';

import { useEffect, type RefObject } from 'react';

/**
 * Mends the markup Uppy's Dashboard renders, for screen readers: with a single file its list
 * container (`.uppy-Dashboard-files`) loses the `role="list"` its items' `role="listitem"` needs
 * (the virtual list it uses for several files has it). Re-applied whenever Uppy re-renders.
 */
export function useUppyDashboardA11y(container: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const mend = () => {
      for (const list of root.querySelectorAll('.uppy-Dashboard-files:not([role="list"])')) list.setAttribute('role', 'list');
    };
    mend();
    const observer = new MutationObserver(mend);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [container]);
}
