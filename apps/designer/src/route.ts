// Addresses the designer understands, so every screen can be bookmarked, reloaded and opened by the benchmark:
//   /                                   the index browser
//   /indices/<id>/<version>             one version on the canvas
//   /diff?from=<id@version>&to=<id@version>   two versions compared
import { parseIndexRef } from '@dbi/schema';
import { useEffect, useState } from 'react';

export type Route =
  { name: 'home' } | { name: 'version'; id: string; version: string } | { name: 'diff'; from: string; to: string };

export function parseRoute(pathname: string, search: string): Route {
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
