import { describe, expect, it } from 'vitest';
import { queryString } from '../../api.ts';
import { DASH_TABS, parseRoute, routeHref } from '../../route.ts';

describe('dashboard addresses', () => {
  it('each screen round-trips through its href; /dashboard opens coverage; an unknown screen is not found', () => {
    for (const tab of DASH_TABS)
      expect(parseRoute(routeHref({ name: 'dashboard', tab }))).toEqual({ name: 'dashboard', tab });
    expect(routeHref({ name: 'dashboard', tab: 'provinces' })).toBe('/dashboard/provinces');
    expect(parseRoute('/dashboard')).toEqual({ name: 'dashboard', tab: 'coverage' });
    expect(parseRoute('/dashboard/')).toEqual({ name: 'dashboard', tab: 'coverage' });
    expect(parseRoute('/dashboard/secrets')).toEqual({ name: 'not-found' });
  });

  it('export and read addresses leave out empty filters and encode the rest', () => {
    expect(queryString({ period: '', province: undefined })).toBe('');
    expect(queryString({ period: '2026', province: '01', industry: '', limit: 20, after: 'a b/c' })).toBe(
      '?period=2026&province=01&limit=20&after=a%20b%2Fc',
    );
  });
});
