import { SloInputError } from './errors';

/*
 * Safe PromQL building blocks. Every label value goes through escapePromLabelValue(), which
 * produces what Prometheus' own printer produces (Go's strconv.Quote), so a value can never close
 * its string literal and inject PromQL; names are validated against the classic Prometheus grammar.
 */

/** PromQL label matcher operators. @public */
export type LabelMatchType = '=' | '!=' | '=~' | '!~';

/** One label matcher, e.g. `code=~"5.."`. @public */
export interface LabelMatcher {
  name: string;
  type: LabelMatchType;
  value: string;
}

/** A plain vector selector: metric name plus matchers (no `__name__` matcher). @public */
export interface PromSelector {
  metric: string;
  matchers: LabelMatcher[];
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** True for a classic Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`). @public */
export function isValidLabelName(name: string): boolean {
  return typeof name === 'string' && LABEL_NAME.test(name);
}

/** True for a classic Prometheus metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`). @public */
export function isValidMetricName(name: string): boolean {
  return typeof name === 'string' && METRIC_NAME.test(name);
}

/** @throws SloInputError unless `name` is a valid label name. @public */
export function assertLabelName(name: string): void {
  if (!isValidLabelName(name)) {
    throw new SloInputError(
      `invalid label name ${JSON.stringify(
        name,
      )}: must match [a-zA-Z_][a-zA-Z0-9_]*`,
    );
  }
}

/** @throws SloInputError unless `name` is a valid metric name. @public */
export function assertMetricName(name: string): void {
  if (!isValidMetricName(name)) {
    throw new SloInputError(
      `invalid metric name ${JSON.stringify(
        name,
      )}: must match [a-zA-Z_:][a-zA-Z0-9_:]*`,
    );
  }
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/**
 * Escapes a string for the inside of a double-quoted PromQL string literal, exactly as Prometheus
 * prints label values (Go's `strconv.Quote`): `\` → `\\`, `"` → `\"`, newline → `\n`, the other
 * C escapes (`\a \b \f \r \t \v`), remaining control characters as `\xNN`, other non-printable
 * characters (e.g. U+00A0, U+2028) as `\uNNNN`, lone surrogates as `\ufffd`. Printable Unicode
 * stays as is. Returns the content without the surrounding quotes.
 * @public
 */
export function escapePromLabelValue(value: string): string {
  if (typeof value !== 'string') {
    throw new SloInputError(
      `label value must be a string, got ${typeof value}`,
    );
  }
  let out = '';
  for (const char of value) {
    const named = NAMED_ESCAPES[char];
    if (named) {
      out += named;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (PRINTABLE.test(char)) out += char;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out;
}

/** A PromQL double-quoted string literal for `value`: `"` + escapePromLabelValue(value) + `"`. @public */
export function quotePromString(value: string): string {
  return `"${escapePromLabelValue(value)}"`;
}

/**
 * Escapes regex metacharacters (Go's `regexp.QuoteMeta`) so a literal value can be used in a `=~` or
 * `!~` matcher; the result still goes through {@link escapePromLabelValue} when printed.
 * @public
 */
export function escapePromRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** `name<op>"value"`, escaped, as Prometheus prints a matcher. @throws SloInputError @public */
export function formatLabelMatcher(matcher: LabelMatcher): string {
  assertLabelName(matcher.name);
  if (!['=', '!=', '=~', '!~'].includes(matcher.type)) {
    throw new SloInputError(
      `invalid matcher operator ${JSON.stringify(matcher.type)}`,
    );
  }
  return `${matcher.name}${matcher.type}${quotePromString(matcher.value)}`;
}

/**
 * `{a="x",b="y"}` from matchers, sorted like Prometheus' printer; '' when there are none.
 * @throws SloInputError for an invalid label name.
 * @public
 */
export function formatLabelMatchers(matchers: readonly LabelMatcher[]): string {
  if (matchers.length === 0) return '';
  const parts = matchers.map(formatLabelMatcher).sort(compareStrings);
  return `{${parts.join(',')}}`;
}

/**
 * Equality matchers from a record, escaped and sorted by name: `{a="x",b="y"}` ('' for an empty
 * record). Use this, never string concatenation, to put label values into PromQL.
 * @throws SloInputError for an invalid label name.
 * @public
 */
export function labelMatchers(
  labels: Readonly<Record<string, string>>,
): string {
  return formatLabelMatchers(
    Object.entries(labels).map(([name, value]) => ({
      name,
      type: '=' as const,
      value,
    })),
  );
}

/** `metric{sorted matchers}`, as Prometheus prints a vector selector. @throws SloInputError @public */
export function formatSelector(
  metric: string,
  matchers: readonly LabelMatcher[],
): string {
  assertMetricName(metric);
  return `${metric}${formatLabelMatchers(matchers)}`;
}

/** Byte-wise ordering for ASCII (Go's `sort.Strings`), code-unit order otherwise. */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * A float the way Prometheus prints number literals (Go's `FormatFloat(v, 'f', -1, 64)`): the
 * shortest round-tripping digits, never an exponent (`0.995`, `14`, `0.0000001`).
 * @public
 */
export function formatPromNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, rest = '', exponentText] = match;
  const digits = lead + rest;
  const exponent = Number(exponentText);
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  return `${sign}${digits}${'0'.repeat(Math.max(0, exponent - rest.length))}`;
}

/**
 * A float as Go's `%g` / `fmt.Sprint` prints it (Pyrra uses this for the native-histogram `le`
 * label): shortest digits, exponent form when the exponent is below -4 or at least 6 (`1e+06`).
 * @public
 */
export function formatGoFloatG(value: number): string {
  if (!Number.isFinite(value) || value === 0) return formatPromNumber(value);
  const match = /^(-?[\d.]+)e([+-])(\d+)$/.exec(value.toExponential());
  if (!match) return formatPromNumber(value);
  const exponent = Number(match[2] + match[3]);
  if (exponent < -4 || exponent >= 6) {
    return `${match[1]}e${match[2]}${match[3].padStart(2, '0')}`;
  }
  return formatPromNumber(value);
}
