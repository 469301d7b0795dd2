import { SloInputError } from './errors';
import {
  LabelMatchType,
  LabelMatcher,
  PromSelector,
  isValidMetricName,
} from './promql';

/*
 * A parser for the one PromQL form Pyrra accepts in an SLO: a plain vector selector such as
 * `http_requests_total{job="api",code=~"5.."}`. Anything else (functions, ranges, offsets) is refused.
 */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

class Scanner {
  position = 0;
  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new SloInputError(
      `cannot parse selector ${JSON.stringify(
        this.text,
      )}: ${message} at offset ${this.position}`,
    );
  }

  skipSpace(): void {
    while (/\s/.test(this.text.charAt(this.position))) this.position++;
  }

  peek(): string {
    return this.text.charAt(this.position);
  }

  take(pattern: RegExp): string | undefined {
    const match = pattern.exec(this.text.slice(this.position));
    if (!match) return undefined;
    this.position += match[0].length;
    return match[0];
  }

  string(): string {
    const quote = this.peek();
    if (quote !== '"' && quote !== "'" && quote !== '`') {
      return this.fail('expected a quoted string');
    }
    this.position++;
    let out = '';
    for (;;) {
      if (this.position >= this.text.length)
        return this.fail('unterminated string');
      const char = this.text.charAt(this.position++);
      if (char === quote) return out;
      if (char === '\\' && quote !== '`') {
        out += this.escape(quote);
      } else if (char === '\n' && quote !== '`') {
        return this.fail('newline in string');
      } else {
        out += char;
      }
    }
  }

  private escape(quote: string): string {
    const char = this.text.charAt(this.position++);
    if (char === quote) return quote;
    if (SIMPLE_ESCAPES[char]) return SIMPLE_ESCAPES[char];
    const hexDigits: Record<string, number> = { x: 2, u: 4, U: 8 };
    let code: number | undefined;
    if (hexDigits[char]) {
      const digits = this.take(new RegExp(`^[0-9a-fA-F]{${hexDigits[char]}}`));
      if (digits) code = parseInt(digits, 16);
      if (char === 'x' && code !== undefined && code > 0x7f) {
        return this.fail('non-ASCII \\x byte escapes are not supported');
      }
    } else if (/[0-7]/.test(char)) {
      const digits = this.take(/^[0-7]{2}/);
      if (digits) code = parseInt(char + digits, 8);
      if (code !== undefined && code > 0x7f) {
        return this.fail('non-ASCII octal byte escapes are not supported');
      }
    }
    if (
      code === undefined ||
      code > 0x10ffff ||
      (code >= 0xd800 && code <= 0xdfff)
    ) {
      return this.fail(`invalid escape sequence \\${char}`);
    }
    return String.fromCodePoint(code);
  }
}

/**
 * Parses a plain PromQL vector selector (`metric{label="value",other=~"re"}`), as Pyrra requires for
 * SLO indicators. Strings may use `"`, `'` or backticks with Go escapes; a trailing comma is allowed.
 * The metric name is required, outside the braces or as `__name__="..."`; the `__name__` matcher is
 * not kept in `matchers`.
 * @throws SloInputError for anything that is not such a selector.
 * @public
 */
export function parsePromSelector(text: string): PromSelector {
  if (typeof text !== 'string') {
    throw new SloInputError(`selector must be a string, got ${typeof text}`);
  }
  const scanner: Scanner = new Scanner(text);
  scanner.skipSpace();
  let metric = scanner.take(/^[a-zA-Z_:][a-zA-Z0-9_:]*/) ?? '';
  scanner.skipSpace();
  const matchers: LabelMatcher[] = [];
  if (scanner.peek() === '{') {
    scanner.position++;
    scanner.skipSpace();
    while (scanner.peek() !== '}') {
      const name = scanner.take(/^[a-zA-Z_][a-zA-Z0-9_]*/);
      if (!name) scanner.fail('expected a label name');
      scanner.skipSpace();
      const type = scanner.take(/^(=~|!~|!=|=)/) as LabelMatchType | undefined;
      if (!type) scanner.fail('expected one of =, !=, =~, !~');
      scanner.skipSpace();
      matchers.push({ name, type, value: scanner.string() });
      scanner.skipSpace();
      if (scanner.peek() === ',') {
        scanner.position++;
        scanner.skipSpace();
      } else if (scanner.peek() !== '}') {
        scanner.fail("expected ',' or '}'");
      }
    }
    scanner.position++;
    scanner.skipSpace();
  }
  if (scanner.position < text.length) {
    scanner.fail(
      'only a plain vector selector is allowed (no functions, ranges or offsets)',
    );
  }

  const names = matchers.filter(m => m.name === '__name__');
  for (const nameMatcher of names) {
    if (nameMatcher.type !== '=' || (metric && nameMatcher.value !== metric)) {
      scanner.fail(
        '__name__ must be a single equality matching the metric name',
      );
    }
    metric = nameMatcher.value;
  }
  if (!metric) scanner.fail('a metric name is required');
  if (!isValidMetricName(metric)) {
    scanner.fail(`invalid metric name ${JSON.stringify(metric)}`);
  }
  return { metric, matchers: matchers.filter(m => m.name !== '__name__') };
}
