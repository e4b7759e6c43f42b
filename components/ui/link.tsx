'use client';

// The site's one link to its own pages. Next.js prefetches every <Link> that scrolls into view,
// and every page here renders per request, so a page of links cost the server a render per link
// (two requests each) before anyone clicked. This one prefetches on intent instead: when a person
// points at, focuses or touches it. `prefetch={false}` never prefetches (facets and other filter
// links, which change often and are many); links to /api/ never do.
import NextLink from 'next/link';
import { useState, type ComponentProps } from 'react';

type NextLinkProps = ComponentProps<typeof NextLink>;

export type LinkProps = Omit<NextLinkProps, 'prefetch'> & {
  /** 'intent' (the default): fetched ahead on pointer, focus or touch. false: only on click. */
  prefetch?: 'intent' | false;
};

function pathOf(href: NextLinkProps['href']): string {
  return typeof href === 'string' ? href : (href.pathname ?? '');
}

export const isApiPath = (href: NextLinkProps['href']) => /^\/api(\/|$)/.test(pathOf(href));

export function Link({ prefetch = 'intent', onMouseEnter, onFocus, onTouchStart, ...props }: LinkProps) {
  const [intent, setIntent] = useState(false);
  const allowed = prefetch === 'intent' && !isApiPath(props.href);
  const show = () => {
    if (allowed && !intent) setIntent(true);
  };
  return (
    <NextLink
      {...props}
      // null is Next.js's default ("auto"), switched on once the person shows intent.
      prefetch={allowed && intent ? null : false}
      onMouseEnter={(e) => {
        show();
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        show();
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        show();
        onTouchStart?.(e);
      }}
    />
  );
}
