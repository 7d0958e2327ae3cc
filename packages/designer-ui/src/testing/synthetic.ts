// A synthetic scorecard of any size, built on a real one's pillars, levels and rules: the 2,000-criterion variant
// that the canvas must still pan smoothly. Valid by construction (maxima are recomputed).
import type { Component, ScorecardDefinition } from '@dbi/schema';
import { syncMaxima } from '../edit.js';

export function syntheticScorecard(
  base: ScorecardDefinition,
  criteria: number,
  perComponent = 20,
): ScorecardDefinition {
  const pillars = base.pillars.map((p, pi) => {
    const share = Math.floor(criteria / base.pillars.length) + (pi < criteria % base.pillars.length ? 1 : 0);
    const components: Component[] = [];
    for (let c = 0; c * perComponent < share; c++) {
      const cid = `${p.id}.${c + 1}`;
      const n = Math.min(perComponent, share - c * perComponent);
      components.push({
        id: cid,
        name: { vi: `Thành phần ${cid}`, en: `Component ${cid}` },
        max: 0,
        criteria: Array.from({ length: n }, (_, k) => ({
          id: `${cid}.${k + 1}`,
          text: {
            vi: `Tiêu chí tổng hợp ${cid}.${k + 1}: doanh nghiệp áp dụng nền tảng số cho hoạt động này`,
            en: `Synthetic criterion ${cid}.${k + 1}: the enterprise uses a digital platform for this activity`,
          },
          weight: 1 + ((k + c) % 3),
        })),
      });
    }
    const { rules, ...rest } = p;
    return { ...rest, ...(rules ? { rules } : {}), max: 0, components };
  });
  const { layout: _layout, decisions: _decisions, ...rest } = base;
  return syncMaxima({
    ...rest,
    id: `${base.id}-synthetic`,
    title: {
      vi: `${base.title.vi} (tổng hợp ${criteria} tiêu chí)`,
      en: `${base.title.en} (synthetic, ${criteria} criteria)`,
    },
    derivedFrom: `${base.id}@${base.version}`,
    max: 0,
    pillars,
  }) as ScorecardDefinition;
}
