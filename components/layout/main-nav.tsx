'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

const LINKS: Array<{ href: string; label: string; section: string }> = [
  { href: '/', label: 'Fleet', section: '/' },
  { href: '/cost', label: 'Cost', section: '/cost' },
  { href: '/onboarding', label: 'Onboarding', section: '/onboarding' },
  { href: '/alerts', label: 'Alerts', section: '/alerts' },
  { href: '/explore/metrics', label: 'Explore', section: '/explore' },
];

/** The main sections; the one you are in is marked (cluster pages belong to the fleet). */
export function MainNav(): ReactNode {
  const path = usePathname() ?? '/';
  const current = (section: string): boolean =>
    section === '/'
      ? path === '/' || path.startsWith('/clusters/')
      : path === section || path.startsWith(`${section}/`);
  return (
    <nav
      aria-label="Main"
      className="order-last -mx-1 flex w-full min-w-0 items-center gap-1 overflow-x-auto pb-1.5 text-sm sm:order-none sm:mx-0 sm:w-auto sm:pb-0"
    >
      {LINKS.map((l) => (
        <Link
          key={l.href}
          href={l.href}
          aria-current={current(l.section) ? 'page' : undefined}
          className={`shrink-0 rounded px-2 py-1 hover:bg-slate-800 ${current(l.section) ? 'bg-slate-800 font-medium text-white' : 'text-slate-300'}`}
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
