import { Link } from '@/components/ui/link';
import { getActor } from '@/lib/server/auth/session';
import { navFor } from '@/lib/core/auth/roles';
import { NavLinks } from '@/components/layout/nav-links';
import { NotificationBell } from '@/components/layout/notification-bell';
import { buttonClass } from '@/components/ui/button';
import { signOutAction } from '@/lib/server/users/actions/sign-out';
import { returnPathForAuthLinks } from '@/lib/server/http/current-page';
import { signInHref } from '@/lib/core/http/next-path';

export async function SiteHeader() {
  const actor = await getActor();
  const items = navFor(actor);
  const back = actor ? '/' : await returnPathForAuthLinks();
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-3 px-4 sm:gap-4 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-bold text-slate-900">
          <span aria-hidden className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-sm text-white">
            AX
          </span>
          <span className="sr-only sm:not-sr-only">Appliance Exchange</span>
        </Link>
        <NavLinks items={items} />
        {/* Search stays in the bar on a phone and a tablet too, taking whatever room the bar has left. */}
        <form action="/browse" role="search" aria-label="Site" className="min-w-0 flex-1 lg:ml-auto lg:flex-none">
          <label htmlFor="site-search" className="sr-only">
            Search appliances
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            placeholder="Search…"
            className="h-9 w-full min-w-0 rounded-lg border border-slate-300 bg-slate-50 px-3 text-sm focus:border-brand-500 focus:bg-white focus:outline-none focus:ring-2 focus:ring-brand-200 lg:w-56 xl:w-72"
          />
        </form>
        <div className="flex shrink-0 items-center gap-2">
          {actor ? (
            <>
              <NotificationBell />
              <Link href="/account" className="hidden max-w-40 truncate text-sm text-slate-700 hover:text-slate-900 lg:block" data-testid="account-name">
                {actor.name}
              </Link>
              <form action={signOutAction}>
                <button type="submit" className={buttonClass('secondary', 'sm')}>
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href={signInHref(back)} className={buttonClass('ghost', 'sm')}>
                Sign in
              </Link>
              <Link href={signInHref(back, '/sign-up')} className={buttonClass('primary', 'sm')}>
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
      <NavLinks items={actor ? [...items, { href: '/account', label: 'Account' }] : items} mobile />
    </header>
  );
}
