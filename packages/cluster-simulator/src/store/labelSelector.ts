/**
 * Kubernetes label selector parsing and matching (the string form used by `?labelSelector=`):
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x,y)`, `a` (exists), `!a` (does not exist),
 * comma-separated and ANDed. Malformed selectors throw `LabelSelectorError`, which the
 * server turns into a 400 BadRequest like the real API server.
 */

export type LabelRequirement =
  | { key: string; op: 'exists' | 'notExists' }
  | { key: string; op: 'equals' | 'notEquals'; value: string }
  | { key: string; op: 'in' | 'notIn'; values: string[] };

export type LabelSelector = LabelRequirement[];

export class LabelSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelSelectorError';
  }
}

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN_RE =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Validates a label key (`[prefix/]name`); returns an error message or undefined. */
export function validateLabelKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (
      prefix.length === 0 ||
      prefix.length > 253 ||
      !DNS_SUBDOMAIN_RE.test(prefix)
    ) {
      return `prefix part of "${key}" must be a lowercase RFC 1123 subdomain`;
    }
  }
  if (name.length === 0 || name.length > 63 || !NAME_RE.test(name)) {
    return `name part of "${key}" must consist of alphanumeric characters, '-', '_' or '.', must start and end with an alphanumeric character and be at most 63 characters`;
  }
  return undefined;
}

/** Validates a label value; returns an error message or undefined. */
export function validateLabelValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME_RE.test(value)) {
    return `label value "${value}" must be 63 characters or less and consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character`;
  }
  return undefined;
}

type Token =
  | { t: 'id'; v: string }
  | { t: '!' | '=' | '==' | '!=' | '(' | ')' | ',' | '<' | '>' }
  | { t: 'end' };

const SPECIALS = new Set(['!', '=', '(', ')', ',', '<', '>']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '!' || c === '=') {
      if (input[i + 1] === '=') {
        tokens.push({ t: c === '!' ? '!=' : '==' });
        i += 2;
      } else {
        tokens.push({ t: c });
        i++;
      }
    } else if (SPECIALS.has(c)) {
      tokens.push({ t: c as '(' | ')' | ',' | '<' | '>' });
      i++;
    } else {
      let j = i;
      while (
        j < input.length &&
        !SPECIALS.has(input[j]) &&
        !/\s/.test(input[j])
      )
        j++;
      tokens.push({ t: 'id', v: input.slice(i, j) });
      i = j;
    }
  }
  tokens.push({ t: 'end' });
  return tokens;
}

/** Parses a selector string; an empty or blank string selects everything. */
export function parseLabelSelector(
  input: string | undefined | null,
): LabelSelector {
  if (input === undefined || input === null || input.trim() === '') return [];
  if (input.length > 10_000)
    throw new LabelSelectorError('label selector too long');
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const fail = (msg: string): never => {
    throw new LabelSelectorError(`unable to parse requirement: ${msg}`);
  };
  const key = (tok: Token): string => {
    if (tok.t !== 'id') return fail(`found '${tok.t}', expected: identifier`);
    const err = validateLabelKey(tok.v);
    if (err) fail(`invalid label key "${tok.v}": ${err}`);
    return tok.v;
  };
  const value = (v: string): string => {
    const err = validateLabelValue(v);
    if (err) fail(`invalid label value: ${err}`);
    return v;
  };

  const result: LabelSelector = [];
  for (;;) {
    const first = next();
    if (first.t === '!') {
      result.push({ key: key(next()), op: 'notExists' });
    } else {
      const k = key(first);
      const op = peek();
      if (op.t === ',' || op.t === 'end') {
        result.push({ key: k, op: 'exists' });
      } else if (op.t === '=' || op.t === '==' || op.t === '!=') {
        next();
        const v = peek();
        let val = '';
        if (v.t === 'id') {
          next();
          val = v.v;
        } else if (v.t !== ',' && v.t !== 'end') {
          fail(`found '${v.t}', expected: identifier`);
        }
        result.push({
          key: k,
          op: op.t === '!=' ? 'notEquals' : 'equals',
          value: value(val),
        });
      } else if (op.t === 'id' && (op.v === 'in' || op.v === 'notin')) {
        next();
        if (next().t !== '(') fail(`found '${op.v}', expected: '('`);
        const values: string[] = [];
        for (;;) {
          const v = next();
          if (v.t === 'id') {
            values.push(value(v.v));
            const sep = next();
            if (sep.t === ')') break;
            if (sep.t !== ',') fail(`found '${sep.t}', expected: ',' or ')'`);
          } else if (v.t === ')' && values.length === 0) {
            fail(`for 'in', 'notin' operators, values set can't be empty`);
          } else {
            fail(`found '${v.t}', expected: identifier`);
          }
        }
        result.push({ key: k, op: op.v === 'in' ? 'in' : 'notIn', values });
      } else {
        fail(
          `found '${
            op.t === 'id' ? op.v : op.t
          }', expected: in, notin, =, ==, !=, ',' or end of string`,
        );
      }
    }
    const sep = next();
    if (sep.t === 'end') break;
    if (sep.t !== ',')
      fail(`found '${sep.t === 'id' ? sep.v : sep.t}', expected: ','`);
  }
  return result;
}

/** True when `labels` satisfy every requirement. */
export function matchesLabelSelector(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return selector.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'notExists':
        return !has;
      case 'equals':
        return has && l[r.key] === r.value;
      case 'notEquals':
        return !has || l[r.key] !== r.value;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notIn':
        return !has || !r.values.includes(l[r.key]);
      default:
        return false;
    }
  });
}
