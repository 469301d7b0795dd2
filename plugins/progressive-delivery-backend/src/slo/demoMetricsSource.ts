import {
  PromSelector,
  parsePromDuration,
  parsePromSelector,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { InstantQueryResult, MetricsSource } from './PrometheusClient';

/**
 * Demo metrics for `progressiveDelivery.demoMetrics: true`: a deterministic, made-up world in
 * which every service of the demo shop serves steady traffic, `payments` has been failing 2% of
 * its requests for the last 3 hours (burning its 99.9% budget fast enough to trip all four of
 * Pyrra's tiers) and the others are healthy. Everything is a pure function of the query and its
 * evaluation time, so the numbers are the same on every page load at the same instant.
 *
 * It answers the raw queries the SLO service sends (the ones `errorRatioQuery`, `totalQuery`,
 * `errorsQuery` of the common package build, plus `max(timestamp(<selector>))`) by evaluating
 * `sum`, `max`, `rate`, `increase`, `timestamp`, numbers and `+ - * /` over this world. Anything
 * else (Pyrra's recording rules, `ALERTS`) is an empty answer, as on a Prometheus without Pyrra.
 */

/** One service of the demo world. */
export interface DemoService {
  /** Requests per second. */
  rps: number;
  /** Share of requests answered with a 5xx. */
  errorRatio: number;
  /** Share of successful requests slower than any latency objective. */
  slowRatio: number;
  /** A bad period that started `sinceMs` before the evaluation time and is still going on. */
  incident?: { sinceMs: number; errorRatio: number; slowRatio?: number };
}

const HOUR = 3_600_000;

/** The demo shop; keys are the `job` label of the demo SLOs (= `backstage.io/kubernetes-id`). */
export const DEMO_SERVICES: Readonly<Record<string, DemoService>> = {
  checkout: { rps: 40, errorRatio: 0.0008, slowRatio: 0.004 },
  cart: { rps: 15, errorRatio: 0.001, slowRatio: 0.003 },
  'catalog-api': { rps: 60, errorRatio: 0.0002, slowRatio: 0.002 },
  search: { rps: 30, errorRatio: 0.002, slowRatio: 0.005 },
  payments: {
    rps: 25,
    errorRatio: 0.0005,
    slowRatio: 0.003,
    incident: { sinceMs: 3 * HOUR, errorRatio: 0.02, slowRatio: 0.05 },
  },
};

const DEFAULT_SERVICE: DemoService = {
  rps: 10,
  errorRatio: 0.001,
  slowRatio: 0.002,
};

type Value = number | null;

class Unsupported extends Error {}

/** Share of a quantity over the last `rangeMs`, with the incident's share where it overlaps. */
function averaged(
  base: number,
  incident: number | undefined,
  sinceMs: number | undefined,
  rangeMs: number,
): number {
  if (incident === undefined || sinceMs === undefined) return base;
  const bad = Math.min(rangeMs, sinceMs);
  return (base * (rangeMs - bad) + incident * bad) / rangeMs;
}

function matcherValue(selector: PromSelector, name: string) {
  return selector.matchers.find(m => m.name === name);
}

/** How many of the selected requests happen in `rangeMs` (an `increase`). */
function increase(selector: PromSelector, rangeMs: number): Value {
  const job = matcherValue(selector, 'job');
  if (!job || job.type !== '=') return null;
  const service = DEMO_SERVICES[job.value] ?? DEFAULT_SERVICE;
  const total = (service.rps * rangeMs) / 1000;
  const errorRatio = averaged(
    service.errorRatio,
    service.incident?.errorRatio,
    service.incident?.sinceMs,
    rangeMs,
  );
  const slowRatio = averaged(
    service.slowRatio,
    service.incident?.slowRatio ?? service.slowRatio,
    service.incident?.sinceMs,
    rangeMs,
  );
  const code = matcherValue(selector, 'code');
  const errorsOnly = code !== undefined && /^5/.test(code.value);
  const successOnly = code !== undefined && /^2/.test(code.value);
  const ok = total * (1 - errorRatio);
  switch (selector.metric) {
    case 'http_requests_total':
    case 'http_request_duration_seconds_count':
      if (errorsOnly) return total * errorRatio;
      return successOnly ? ok : total;
    case 'http_request_duration_seconds_bucket': {
      const le = matcherValue(selector, 'le');
      if (!le) return null;
      if (le.value === '+Inf') return successOnly ? ok : total;
      return (successOnly ? ok : total) * (1 - slowRatio);
    }
    default:
      return null;
  }
}

function apply(op: string, left: Value, right: Value): Value {
  if (left === null || right === null) return null;
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    default:
      return left / right;
  }
}

/** A tiny recursive-descent evaluator for the query shapes the SLO service sends. */
class Evaluator {
  private pos = 0;

  constructor(private readonly text: string) {}

  evaluate(): Value {
    const value = this.additive();
    this.space();
    if (this.pos !== this.text.length) throw new Unsupported('trailing input');
    return value;
  }

  private space() {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private peek(): string {
    this.space();
    return this.text[this.pos] ?? '';
  }

  private expect(char: string) {
    if (this.peek() !== char) throw new Unsupported(`expected ${char}`);
    this.pos++;
  }

  private additive(): Value {
    let left = this.multiplicative();
    for (;;) {
      const op = this.peek();
      if (op !== '+' && op !== '-') return left;
      this.pos++;
      const right = this.multiplicative();
      left = apply(op, left, right);
    }
  }

  private multiplicative(): Value {
    let left = this.unary();
    for (;;) {
      const op = this.peek();
      if (op !== '*' && op !== '/') return left;
      this.pos++;
      const right = this.unary();
      left = apply(op, left, right);
    }
  }

  private identifier(): string {
    this.space();
    const match = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(this.text.slice(this.pos));
    if (!match) throw new Unsupported('expected a name');
    this.pos += match[0].length;
    return match[0];
  }

  /** The selector text from here to its closing brace (quotes respected). */
  private selector(): PromSelector {
    this.space();
    const start = this.pos;
    this.identifier();
    if (this.text[this.pos] === '{') {
      let quote = '';
      for (this.pos++; this.pos < this.text.length; this.pos++) {
        const c = this.text[this.pos];
        if (quote) {
          if (c === '\\') this.pos++;
          else if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '}') break;
      }
      this.pos++;
    }
    return parsePromSelector(this.text.slice(start, this.pos));
  }

  private range(): number {
    this.expect('[');
    const end = this.text.indexOf(']', this.pos);
    if (end < 0) throw new Unsupported('unterminated range');
    const ms = parsePromDuration(this.text.slice(this.pos, end));
    this.pos = end + 1;
    return ms;
  }

  private unary(): Value {
    const c = this.peek();
    if (c === '(') {
      this.pos++;
      const value = this.additive();
      this.expect(')');
      return value;
    }
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(
      this.text.slice(this.pos),
    );
    if (number) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    const save = this.pos;
    const name = this.identifier();
    if (this.peek() !== '(') {
      // A bare selector: only used inside functions below.
      throw new Unsupported(`bare selector ${name}`);
    }
    this.pos = save;
    return this.call();
  }

  private call(): Value {
    const name = this.identifier();
    this.expect('(');
    let value: Value;
    switch (name) {
      case 'sum':
      case 'max':
        value = this.additive();
        break;
      case 'rate':
      case 'increase': {
        const selector = this.selector();
        const rangeMs = this.range();
        value = increase(selector, rangeMs);
        if (value !== null && name === 'rate') value /= rangeMs / 1000;
        break;
      }
      case 'timestamp': {
        const selector = this.selector();
        value = increase(selector, 60_000) === null ? null : Number.NaN;
        break;
      }
      default:
        throw new Unsupported(`function ${name}`);
    }
    this.expect(')');
    return value;
  }
}

/** The demo source; `now` is the evaluation time when a query has none. */
export class DemoMetricsSource implements MetricsSource {
  readonly name = 'demo';
  readonly demo = true;

  constructor(private readonly now: () => Date = () => new Date()) {}

  async instantQuery(promql: string, time?: Date): Promise<InstantQueryResult> {
    const at = (time ?? this.now()).getTime() / 1000;
    let value: Value;
    try {
      value = new Evaluator(promql).evaluate();
    } catch {
      value = null;
    }
    if (value === null) return { ok: true, samples: [] };
    // timestamp(): every demo series has a sample "now".
    if (Number.isNaN(value) && /\btimestamp\(/.test(promql)) value = at;
    return { ok: true, samples: [{ labels: {}, value, timestamp: at }] };
  }
}
