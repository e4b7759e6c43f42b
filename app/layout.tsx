import type { Metadata, Viewport } from 'next';
import { Link } from '@/components/ui/link';
import './globals.css';
import { SiteHeader } from '@/components/layout/site-header';

export const metadata: Metadata = {
  title: { default: 'Appliance Exchange', template: '%s · Appliance Exchange' },
  description: 'Ready-to-run virtual appliances: verified downloads, launch commands for QEMU, VirtualBox, VMware and Vagrant, and a judged challenge.',
};

export const viewport: Viewport = { themeColor: '#1d5cf1', width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl flex-col gap-2 px-4 py-6 text-sm text-slate-500 sm:flex-row sm:justify-between sm:px-6">
            <p>Appliance Exchange — open-source marketplace for virtual appliances.</p>
            <nav aria-label="Footer" className="flex gap-4">
              <Link href="/browse" className="hover:text-slate-800">Browse</Link>
              <Link href="/challenges" className="hover:text-slate-800">Challenges</Link>
              <Link href="/docs/api" className="hover:text-slate-800">API</Link>
              <a href="/api/health" className="hover:text-slate-800">Status</a>
            </nav>
          </div>
        </footer>
      </body>
    </html>
  );
}
