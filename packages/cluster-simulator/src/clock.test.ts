import { ManualClock, RealClock } from './clock';

describe('ManualClock', () => {
  it('fires timers in due order when advanced, including ones scheduled meanwhile', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 2000);
    clock.setTimeout(() => {
      fired.push('a');
      clock.setTimeout(() => fired.push('a2'), 500);
    }, 1000);
    const cancel = clock.setTimeout(() => fired.push('never'), 1500);
    cancel();
    clock.advance(1600);
    expect(fired).toEqual(['a', 'a2']);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.600Z');
    clock.advance(400);
    expect(fired).toEqual(['a', 'a2', 'b']);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('RealClock', () => {
  it('runs faster with a speed factor', async () => {
    const clock = new RealClock(100);
    const start = clock.now().getTime();
    await new Promise<void>(resolve => clock.setTimeout(resolve, 2000)); // ~20 ms real
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(1500);
  });

  it('can cancel timers and rejects bad speeds', async () => {
    const clock = new RealClock();
    let fired = false;
    clock.setTimeout(() => {
      fired = true;
    }, 10)();
    await new Promise(r => setTimeout(r, 30));
    expect(fired).toBe(false);
    expect(() => new RealClock(0)).toThrow();
  });
});
