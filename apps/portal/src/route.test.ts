import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './route.ts';

describe('portal addresses', () => {
  it('round-trip through their hrefs', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'index', id: 'large', version: '1.0.0' },
      { name: 'try', id: 'readiness-example', version: '1.0.0' },
      { name: 'verify', number: 'DBI-2026-000001' },
      { name: 'verify', number: '' },
      { name: 'sign-in' },
      { name: 'register' },
      { name: 'assessments' },
      { name: 'assessment', id: 'a_1-x' },
      { name: 'history' },
      { name: 'accounts' },
    ];
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
  });
  it('ignores a trailing slash and sends unknown paths to not-found', () => {
    expect(parseRoute('/verify/DBI-2026-000001/')).toEqual({ name: 'verify', number: 'DBI-2026-000001' });
    expect(parseRoute('/nothing/here')).toEqual({ name: 'not-found' });
    expect(parseRoute('/indices/large')).toEqual({ name: 'not-found' });
  });
});
