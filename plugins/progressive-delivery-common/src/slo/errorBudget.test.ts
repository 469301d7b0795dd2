import { errorBudget } from './errorBudget';
import { SloInputError } from './errors';
import { parseSloTarget } from './target';

describe('errorBudget', () => {
  it('target 99.9 with 0 errors: full budget, healthy', () => {
    const budget = errorBudget({ target: '99.9', errors: 0, total: 1_000_000 });
    expect(budget).toEqual({
      availability: 1,
      errorBudgetTotal: 1 - 0.999_000_000_000_000_1,
      errorBudgetRemaining: 1,
      errorsAllowed: (1 - 99.9 / 100) * 1_000_000,
      errorsObserved: 0,
      status: 'healthy',
    });
    expect(budget.errorsAllowed).toBeCloseTo(1000, 6);
  });

  it('matches the Prometheus-measured fixture numbers (slo-pyrra.md B2)', () => {
    // checkout: 40320000 requests, 46200 errors in 28d; target 99%
    const budget = errorBudget({ target: 99, errors: 46200, total: 40320000 });
    expect(budget.availability).toBe(0.9988541666666667);
    expect(budget.errorBudgetRemaining).toBeCloseTo(0.8854166666666667, 12);
    expect(budget.status).toBe('healthy');
    expect(budget.errorsAllowed).toBeCloseTo(403200, 6);
  });

  it('warns when less than a quarter (or warningBelow) is left', () => {
    expect(errorBudget({ target: 99, errors: 80, total: 10000 })).toMatchObject(
      {
        status: 'warning',
      },
    );
    expect(
      errorBudget({ target: 99, errors: 40, total: 10000, warningBelow: 0.7 }),
    ).toMatchObject({ status: 'warning' });
    expect(
      errorBudget({ target: 99, errors: 40, total: 10000, warningBelow: 0 }),
    ).toMatchObject({ status: 'healthy' });
  });

  it('exhausted at exactly the budget, negative remaining beyond it', () => {
    const exact = errorBudget({ target: '95', errors: 5, total: 100 });
    expect(exact.status).toBe('exhausted');
    expect(exact.errorBudgetRemaining).toBeCloseTo(0, 12);

    const over = errorBudget({ target: 99.5, errors: 20, total: 1000 });
    expect(over.availability).toBeCloseTo(0.98, 12);
    expect(over.errorBudgetRemaining).toBeCloseTo(-3, 12);
    expect(over.status).toBe('exhausted');
    expect(over.errorsAllowed).toBeCloseTo(5, 9);
    expect(over.errorsObserved).toBe(20);
  });

  it('reports no-data, not 100%, when there were no requests', () => {
    expect(errorBudget({ target: 99, errors: 0, total: 0 })).toEqual({
      availability: null,
      errorBudgetTotal: 1 - 0.99,
      errorBudgetRemaining: null,
      errorsAllowed: 0,
      errorsObserved: 0,
      status: 'no-data',
    });
  });

  it('keeps extrapolated errors > total (as Pyrra does)', () => {
    const budget = errorBudget({ target: 99, errors: 10.5, total: 10 });
    expect(budget.availability).toBeCloseTo(-0.05, 12);
    expect(budget.status).toBe('exhausted');
  });

  it('rejects invalid input', () => {
    for (const target of [0, 100, -1, 101, '100', '', 'abc', '99%', NaN]) {
      expect(() => errorBudget({ target, errors: 0, total: 1 })).toThrow(
        SloInputError,
      );
    }
    expect(() => errorBudget({ target: 99, errors: -1, total: 1 })).toThrow(
      /errors must be/,
    );
    expect(() => errorBudget({ target: 99, errors: 0, total: NaN })).toThrow(
      /total must be/,
    );
    expect(() =>
      errorBudget({ target: 99, errors: 0, total: Infinity }),
    ).toThrow(SloInputError);
    expect(() =>
      errorBudget({ target: 99, errors: 0, total: 1, warningBelow: 2 }),
    ).toThrow(/warningBelow/);
  });
});

describe('parseSloTarget', () => {
  it('reads strings and numbers like Pyrra (target / 100)', () => {
    expect(parseSloTarget('99.5')).toEqual({ percent: 99.5, fraction: 0.995 });
    expect(parseSloTarget(99.5)).toEqual({ percent: 99.5, fraction: 0.995 });
    expect(parseSloTarget('99.0').fraction).toBe(0.99);
    expect(parseSloTarget('99.9').fraction).toBe(0.9990000000000001);
    expect(parseSloTarget('90').fraction).toBe(0.9);
    expect(parseSloTarget('0.5').fraction).toBe(0.005);
  });
});
