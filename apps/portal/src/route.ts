// The portal's addresses, each bookmarkable and reloadable (the server answers index.html for them):
//   /                                 published indices          /verify/<number>       certificate verification
//   /indices/<id>/<version>           one index's criteria       /indices/<id>/<version>/try   the form, unsaved
//   /sign-in  /register               sessions                   /assessments           the list (role-aware)
//   /assessments/<id>                 the self-assessment form   /history               radar over assessments
//   /dashboard/<tab>                  dashboards: coverage, levels, rankings, provinces, import
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'index'; id: string; version: string }
  | { name: 'try'; id: string; version: string }
  | { name: 'verify'; number: string }
  | { name: 'sign-in' }
  | { name: 'register' }
  | { name: 'assessments' }
  | { name: 'assessment'; id: string }
  | { name: 'history' }
  | { name: 'dashboard'; tab: DashTab }
  | { name: 'accounts' }
  | { name: 'not-found' };

/** The dashboards' screens (provincial departments and the Ministry). */
export const DASH_TABS = ['coverage', 'levels', 'rankings', 'provinces', 'import'] as const;
export type DashTab = (typeof DASH_TABS)[number];

const SEG = '([^/]+)';

export function parseRoute(pathname: string): Route {
  const p = pathname.replace(/\/+$/, '') || '/';
  const d = decodeURIComponent;
  let m: RegExpExecArray | null;
  if (p === '/') return { name: 'home' };
  if ((m = new RegExp(`^/indices/${SEG}/${SEG}/try$`).exec(p))) return { name: 'try', id: d(m[1]!), version: d(m[2]!) };
  if ((m = new RegExp(`^/indices/${SEG}/${SEG}$`).exec(p))) return { name: 'index', id: d(m[1]!), version: d(m[2]!) };
  if (p === '/verify') return { name: 'verify', number: '' };
  if ((m = new RegExp(`^/verify/${SEG}$`).exec(p))) return { name: 'verify', number: d(m[1]!) };
  if (p === '/sign-in') return { name: 'sign-in' };
  if (p === '/register') return { name: 'register' };
  if (p === '/assessments') return { name: 'assessments' };
  if ((m = new RegExp(`^/assessments/${SEG}$`).exec(p))) return { name: 'assessment', id: d(m[1]!) };
  if (p === '/history') return { name: 'history' };
  if (p === '/dashboard') return { name: 'dashboard', tab: 'coverage' };
  if ((m = new RegExp(`^/dashboard/${SEG}$`).exec(p)) && (DASH_TABS as readonly string[]).includes(m[1]!))
    return { name: 'dashboard', tab: m[1] as DashTab };
  if (p === '/accounts') return { name: 'accounts' };
  return { name: 'not-found' };
}

export function routeHref(r: Route): string {
  const e = encodeURIComponent;
  switch (r.name) {
    case 'home':
      return '/';
    case 'index':
      return `/indices/${e(r.id)}/${e(r.version)}`;
    case 'try':
      return `/indices/${e(r.id)}/${e(r.version)}/try`;
    case 'verify':
      return r.number ? `/verify/${e(r.number)}` : '/verify';
    case 'sign-in':
      return '/sign-in';
    case 'register':
      return '/register';
    case 'assessments':
      return '/assessments';
    case 'assessment':
      return `/assessments/${e(r.id)}`;
    case 'history':
      return '/history';
    case 'dashboard':
      return `/dashboard/${r.tab}`;
    case 'accounts':
      return '/accounts';
    case 'not-found':
      return '/';
  }
}

export function navigate(r: Route): void {
  const href = routeHref(r);
  if (href !== location.pathname) history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return route;
}
