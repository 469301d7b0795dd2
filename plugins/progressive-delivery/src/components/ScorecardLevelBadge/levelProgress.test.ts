import { levelProgress } from './levelProgress';
import { levelRules, makeChecks } from '../../__testUtils__/scorecardData';

describe('levelProgress', () => {
  it('names the rule met, the next rule and the failing checks it needs', () => {
    const progress = levelProgress('bronze', levelRules, makeChecks());
    expect(progress.current?.level).toBe('bronze');
    expect(progress.next?.level).toBe('silver');
    // slo-exists fails too, but only gold needs it.
    expect(progress.blocking.map(c => c.id)).toEqual(['safe-first-step']);
  });

  it('has no current rule at none and no next rule at gold', () => {
    expect(levelProgress('none', levelRules).current).toBeUndefined();
    expect(levelProgress('none', levelRules).next?.level).toBe('bronze');
    const gold = levelProgress('gold', levelRules, makeChecks());
    expect(gold.next).toBeUndefined();
    expect(gold.blocking).toEqual([]);
  });
});
