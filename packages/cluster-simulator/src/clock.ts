import type { Clock } from './types';

/**
 * Wall-clock time, optionally sped up: with `speed` 10 one real second is ten simulated
 * seconds. Simulated time starts at the real time when the clock is created, so
 * timestamps look current in the demo.
 */
export class RealClock implements Clock {
  private readonly startReal = Date.now();

  constructor(private readonly speed: number = 1) {
    if (!(speed > 0) || !Number.isFinite(speed)) {
      throw new Error(`clock speed must be a positive number, got ${speed}`);
    }
  }

  now(): Date {
    return new Date(
      this.startReal + (Date.now() - this.startReal) * this.speed,
    );
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const handle = setTimeout(fn, Math.max(0, ms / this.speed));
    // Simulator timers must never keep a test process or CLI alive on their own.
    handle.unref?.();
    return () => clearTimeout(handle);
  }
}

interface ManualTimer {
  due: number;
  seq: number;
  fn: () => void;
}

/** A clock that only moves when a test calls `advance`; timers fire in due order. */
export class ManualClock implements Clock {
  private current: number;
  private timers: ManualTimer[] = [];
  private seq = 0;

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer: ManualTimer = {
      due: this.current + Math.max(0, ms),
      seq: this.seq++,
      fn,
    };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter(t => t !== timer);
    };
  }

  /** Moves time forward by `ms`, running every timer that falls due (also ones scheduled meanwhile). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.nextDue();
      if (!next || next.due > target) break;
      this.timers = this.timers.filter(t => t !== next);
      this.current = Math.max(this.current, next.due);
      next.fn();
    }
    this.current = target;
  }

  /** Number of timers not yet fired. */
  pendingTimers(): number {
    return this.timers.length;
  }

  private nextDue(): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers) {
      if (
        !best ||
        t.due < best.due ||
        (t.due === best.due && t.seq < best.seq)
      ) {
        best = t;
      }
    }
    return best;
  }
}
