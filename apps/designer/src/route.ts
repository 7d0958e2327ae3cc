// Addresses the designer understands, so every screen can be bookmarked, reloaded and opened by the benchmark.
// The app lives under BASE (`/designer`, Vite's `base`; the portal has `/`):
//   BASE/                                   the index browser
//   BASE/indices/<id>/<version>             one version on the canvas
//   BASE/diff?from=<id@version>&to=<id@version>   two versions compared
import { parseIndexRef } from '@dbi/schema';
import { useEffect, useState } from 'react';

export type Route =
  { name: 'home' } | { name: 'version'; id: string; version: string } | { name: 'diff'; from: string; to: string };

/** The app's path prefix without its trailing slash ('' when served at /). */
export const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

/** The path inside the app: BASE removed. */
export function appPath(pathname: string): string {
  if (BASE && (pathname === BASE || pathname.startsWith(`${BASE}/`))) return pathname.slice(BASE.length) || '/';
  return pathname;
}

export function parseRoute(fullPath: string, search: string): Route {
  const pathname = appPath(fullPath);
  const m = /^\/indices\/([^/]+)\/([^/]+)\/?$/.exec(pathname);
  if (m) {
    const ref = parseIndexRef(`${decodeURIComponent(m[1]!)}@${decodeURIComponent(m[2]!)}`);
    if (ref) return { name: 'version', id: ref.id, version: ref.version };
  }
  if (/^\/diff\/?$/.test(pathname)) {
    const q = new URLSearchParams(search);
    return { name: 'diff', from: q.get('from') ?? '', to: q.get('to') ?? '' };
  }
  return { name: 'home' };
}

export function routeHref(route: Route): string {
  return BASE + routePath(route);
}

function routePath(route: Route): string {
  switch (route.name) {
    case 'home':
      return '/';
    case 'version':
      return `/indices/${encodeURIComponent(route.id)}/${encodeURIComponent(route.version)}`;
    case 'diff':
      return `/diff?${new URLSearchParams({ from: route.from, to: route.to }).toString()}`;
  }
}

let leaveGuard: (() => boolean) | null = null;

/** While set, in-app navigation first asks it (e.g. "discard unsaved changes?"); false stays on the page. */
export function setLeaveGuard(guard: (() => boolean) | null): void {
  leaveGuard = guard;
}

export function navigate(route: Route): void {
  if (leaveGuard && !leaveGuard()) return;
  const href = routeHref(route);
  if (href !== location.pathname + location.search) history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.pathname, location.search));
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return route;
}
