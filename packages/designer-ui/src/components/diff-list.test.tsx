// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { diffDefinitions } from '@dbi/schema';
import { DiffList } from './diff-list.js';
import { DiffLegend } from './diff-legend.js';
import { LangProvider } from '../context.js';
import { largeRevision } from '../testing/revisions.js';
import { large } from '../testing/fixtures.js';

afterEach(cleanup);

describe('DiffList', () => {
  it('lists added, removed, moved and changed nodes with counts, and links to nodes', () => {
    const { base, head } = largeRevision();
    const picked: string[] = [];
    const view = render(
      <LangProvider lang="en">
        <DiffList diff={diffDefinitions(base, head)} onSelect={(k) => picked.push(k)} />
      </LangProvider>,
    );
    const item = (change: string) =>
      [...view.container.querySelectorAll(`li[data-change="${change}"]`)].map((li) => li.textContent);
    expect(item('removed')).toEqual(['Removed Criterion 1.3.3 ']);
    expect(item('added')).toEqual(['Added Criterion 6.3.4 ']);
    expect(item('moved')).toEqual(['Moved Criterion 2.2.3 from 2.2 to 2.1']);
    expect(item('reweighted')).toEqual(['Changed Criterion 3.2.5 weight: 1 → 2']);
    expect(item('reworded')[0]).toContain('The enterprise runs its core systems on cloud computing');
    const counts = [...view.container.querySelectorAll('.dbi-legend__item')].map((li) => li.textContent);
    expect(counts.slice(0, 3)).toEqual(['Added1', 'Removed1', 'Moved1']);
    fireEvent.click(screen.getByRole('button', { name: 'Criterion 2.2.3' }));
    expect(picked).toEqual(['criterion:2.2.3']);
    // A removed node has no node to go to.
    expect(screen.queryByRole('button', { name: 'Criterion 1.3.3' })).toBeNull();
  });

  it('says when two versions are the same', () => {
    render(<DiffList diff={diffDefinitions(large(), large())} />);
    expect(screen.getByText('Hai phiên bản giống nhau.')).toBeTruthy();
  });
});

describe('DiffLegend', () => {
  it('names the four statuses in the current language', () => {
    const view = render(<DiffLegend />);
    expect([...view.container.querySelectorAll('.dbi-legend__item')].map((li) => li.textContent)).toEqual([
      'Thêm mới',
      'Đã xoá',
      'Di chuyển',
      'Thay đổi',
    ]);
  });
});
