// Size classification (Appendix IV, as Decree 80/2021/NĐ-CP art. 5 states the bands): labour is required together
// with revenue OR total capital. Expectations are the decree's limits, tested at each limit and one step beyond.
import { describe, expect, it } from 'vitest';
import { EngineError, classify, run, type CompiledClassifier } from './index.js';
import { national } from '../test/fixtures.js';

const size = () => national().get('size@1.0.0') as CompiledClassifier;
const BN = 1_000_000_000;
const AIC = 'agriculture-industry-construction';
const TS = 'trade-services';

const of = (input: Record<string, unknown>) => {
  const r = classify(size(), input);
  return { size: r.size, index: r.index };
};

function issuesOf(input: unknown) {
  try {
    classify(size(), input);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return (e as EngineError).issues;
  }
  throw new Error('expected an EngineError');
}

/** Decree 80/2021 art. 5: the highest employees, revenue and capital of each size, per sector. */
const LIMITS = {
  [AIC]: { micro: [10, 3 * BN, 3 * BN], small: [100, 50 * BN, 20 * BN], medium: [200, 200 * BN, 100 * BN] },
  [TS]: { micro: [10, 10 * BN, 3 * BN], small: [50, 100 * BN, 50 * BN], medium: [100, 300 * BN, 100 * BN] },
} as const;
const NEXT = { micro: 'small', small: 'medium', medium: 'large' } as const;
const INDEX = { micro: 'sme', small: 'sme', medium: 'sme', large: 'large' } as const;

describe.each([AIC, TS] as const)('%s', (sector) => {
  const limits = LIMITS[sector];

  describe.each(['micro', 'small', 'medium'] as const)('%s', (band) => {
    const [people, revenue, capital] = limits[band];

    it(`employees: ${people} is ${band}, ${people + 1} is not`, () => {
      // Tiny revenue, so only the head count decides.
      expect(of({ sector, employees: people, revenueVnd: 0 })).toEqual({ size: band, index: INDEX[band] });
      const above = of({ sector, employees: people + 1, revenueVnd: 0 });
      expect(above.size).not.toBe(band);
      if (band === 'medium') expect(above).toEqual({ size: 'large', index: 'large' });
    });

    it(`revenue: ${revenue} VND is ${band}, one VND more is ${NEXT[band]} (capital not given)`, () => {
      expect(of({ sector, employees: 1, revenueVnd: revenue })).toEqual({ size: band, index: INDEX[band] });
      expect(of({ sector, employees: 1, revenueVnd: revenue + 1 })).toEqual({
        size: NEXT[band],
        index: INDEX[NEXT[band]],
      });
    });

    it(`capital: ${capital} VND is ${band}, one VND more is ${NEXT[band]} (revenue not given)`, () => {
      expect(of({ sector, employees: 1, capitalVnd: capital })).toEqual({ size: band, index: INDEX[band] });
      expect(of({ sector, employees: 1, capitalVnd: capital + 1 })).toEqual({
        size: NEXT[band],
        index: INDEX[NEXT[band]],
      });
    });

    it(`revenue OR capital: either within ${band}'s limit is enough`, () => {
      expect(of({ sector, employees: 1, revenueVnd: 10_000 * BN, capitalVnd: capital }).size).toBe(band);
      expect(of({ sector, employees: 1, revenueVnd: revenue, capitalVnd: 10_000 * BN }).size).toBe(band);
    });
  });

  it('employees at every boundary (10/11, 50/51, 100/101, 200/201) with small finances', () => {
    const expected = (n: number) => {
      for (const band of ['micro', 'small', 'medium'] as const) if (n <= limits[band][0]) return band;
      return 'large';
    };
    for (const n of [10, 11, 50, 51, 100, 101, 200, 201]) {
      expect(of({ sector, employees: n, capitalVnd: 1 }).size).toBe(expected(n));
    }
  });

  it('labour alone never makes a smaller size: many staff with tiny finances is large', () => {
    expect(of({ sector, employees: 5000, revenueVnd: 1, capitalVnd: 1 })).toEqual({ size: 'large', index: 'large' });
  });
});

describe('sector tables differ', () => {
  it('51 employees: small in agriculture/industry/construction, medium in trade/services', () => {
    expect(of({ sector: AIC, employees: 51, revenueVnd: 1 }).size).toBe('small');
    expect(of({ sector: TS, employees: 51, revenueVnd: 1 }).size).toBe('medium');
  });
  it('8 bn VND revenue with 5 staff: small in AIC (> 3 bn), micro in trade/services (≤ 10 bn)', () => {
    expect(of({ sector: AIC, employees: 5, revenueVnd: 8 * BN }).size).toBe('small');
    expect(of({ sector: TS, employees: 5, revenueVnd: 8 * BN }).size).toBe('micro');
  });
});

describe('the index to use', () => {
  it('an enterprise with subsidiaries takes the group index whatever its size', () => {
    expect(of({ sector: TS, employees: 5, revenueVnd: 1, hasSubsidiaries: true })).toEqual({
      size: 'micro',
      index: 'group',
    });
    expect(of({ sector: AIC, employees: 900, revenueVnd: 900 * BN, hasSubsidiaries: true })).toEqual({
      size: 'large',
      index: 'group',
    });
    expect(of({ sector: AIC, employees: 900, revenueVnd: 900 * BN, hasSubsidiaries: false })).toEqual({
      size: 'large',
      index: 'large',
    });
    expect(of({ sector: AIC, employees: 90, revenueVnd: 9 * BN, hasSubsidiaries: false })).toEqual({
      size: 'small',
      index: 'sme',
    });
  });

  it('stamps the classifier and explains each output', () => {
    const r = classify(
      size(),
      { sector: TS, employees: 45, revenueVnd: 120 * BN, capitalVnd: 30 * BN, hasSubsidiaries: false },
      { explain: true },
    );
    expect(r).toMatchObject({ classifier: size().stamp, size: 'small', index: 'sme' });
    expect(Object.keys(r)).toEqual(['classifier', 'engine', 'size', 'index', 'trace']);
    expect(r.trace!.map((s) => [s.scope, s.level])).toEqual([
      ['output:size', 'small'],
      ['output:index', 'sme'],
    ]);
    // The index output saw the inputs and the size decided before it.
    expect(r.trace![1]!.values).toMatchObject({ sector: TS, size: 'small', hasSubsidiaries: false });
    expect(run(size(), { sector: TS, employees: 4, revenueVnd: 1 })).toMatchObject({ size: 'micro', index: 'sme' });
  });

  it('absent optional inputs are null to the rules', () => {
    const r = classify(size(), { sector: TS, employees: 3, capitalVnd: 1 }, { explain: true });
    expect(r.trace![0]!.values).toMatchObject({ revenueVnd: null, hasSubsidiaries: null, capitalVnd: 1 });
    expect(r.index).toBe('sme');
  });
});

describe('bad classification input', () => {
  it('employees must be an integer ≥ 0', () => {
    expect(issuesOf({ sector: AIC, employees: -1, revenueVnd: 1 })).toEqual([
      { path: '/employees', code: 'invalid-input', message: 'must be an integer ≥ 0, found -1' },
    ]);
    expect(issuesOf({ sector: AIC, employees: 2.5, revenueVnd: 1 })[0]).toMatchObject({
      path: '/employees',
      message: 'must be an integer ≥ 0, found 2.5',
    });
    expect(issuesOf({ sector: AIC, employees: '12', revenueVnd: 1 })[0]!.path).toBe('/employees');
  });

  it('required inputs, enums, booleans, unknown names — all reported together', () => {
    expect(issuesOf({ sector: 'mining', revenueVnd: -5, hasSubsidiaries: 'yes', staff: 3 })).toEqual([
      {
        path: '/staff',
        code: 'unknown-input',
        message: 'is not an input of size@1.0.0 (inputs: sector, employees, revenueVnd, capitalVnd, hasSubsidiaries)',
      },
      { path: '/sector', code: 'invalid-input', message: `must be one of "${AIC}", "${TS}", found "mining"` },
      { path: '/employees', code: 'required', message: 'is required' },
      { path: '/revenueVnd', code: 'invalid-input', message: 'must be an integer ≥ 0, found -5' },
      { path: '/hasSubsidiaries', code: 'invalid-input', message: 'must be true or false, found "yes"' },
    ]);
  });

  it('revenue or capital must be given', () => {
    expect(issuesOf({ sector: AIC, employees: 3 })).toEqual([
      { path: '/revenueVnd', code: 'at-least-one-of', message: 'give at least one of revenueVnd, capitalVnd' },
    ]);
    expect(issuesOf({ sector: AIC, employees: 3, revenueVnd: null, capitalVnd: null })[0]!.code).toBe(
      'at-least-one-of',
    );
  });

  it('amounts beyond exact integers are refused', () => {
    expect(issuesOf({ sector: AIC, employees: 3, revenueVnd: 2 ** 53 })[0]).toMatchObject({
      path: '/revenueVnd',
      code: 'invalid-input',
    });
  });

  it('input that is not an object', () => {
    expect(issuesOf([1])[0]).toMatchObject({ path: '/', code: 'input-not-object' });
    expect(issuesOf('small')[0]).toMatchObject({ path: '/', code: 'input-not-object' });
  });
});
