import { LabelSelector } from '../kubernetes/objectMeta';

/** One parsed requirement of a Kubernetes label selector. @public */
export type LabelRequirement =
  | { key: string; operator: 'exists' | 'notexists' }
  | { key: string; operator: 'eq' | 'neq'; value: string }
  | { key: string; operator: 'in' | 'notin'; values: string[] };

/** Longer selectors are refused: they only come from annotations and user input. @public */
export const MAX_LABEL_SELECTOR_LENGTH = 1024;

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label key: optional DNS-subdomain prefix and a name of at most 63 characters. @public */
export function isValidLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return NAME.test(key);
  const prefix = key.slice(0, slash);
  return (
    prefix.length <= 253 &&
    PREFIX.test(prefix) &&
    NAME.test(key.slice(slash + 1))
  );
}

/** A label value: empty, or at most 63 alphanumerics with `-`, `_`, `.` inside. @public */
export function isValidLabelValue(value: string): boolean {
  return value === '' || NAME.test(value);
}

/** Thrown for selectors that are not valid Kubernetes label selectors. @public */
export class LabelSelectorError extends Error {
  readonly name = 'LabelSelectorError';
}

/**
 * Parses the string form (`a=b,c!=d,e in (f,g),!h`) into requirements. Every key and value
 * is validated, so the result can be sent to a cluster or compared safely.
 * @public
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  if (selector.length > MAX_LABEL_SELECTOR_LENGTH) {
    throw new LabelSelectorError('Label selector is too long');
  }
  const requirements: LabelRequirement[] = [];
  for (const part of splitTopLevel(selector)) {
    const text = part.trim();
    if (!text)
      throw new LabelSelectorError('Empty requirement in label selector');
    requirements.push(parseRequirement(text));
  }
  if (requirements.length === 0) {
    throw new LabelSelectorError('Label selector is empty');
  }
  return requirements;
}

function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (depth < 0 || depth > 1)
      throw new LabelSelectorError('Unbalanced parentheses');
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) throw new LabelSelectorError('Unbalanced parentheses');
  parts.push(current);
  return parts;
}

function checkKey(key: string): string {
  if (!isValidLabelKey(key))
    throw new LabelSelectorError(`Invalid label key '${key}'`);
  return key;
}

function checkValue(value: string): string {
  if (!isValidLabelValue(value)) {
    throw new LabelSelectorError(`Invalid label value '${value}'`);
  }
  return value;
}

function parseRequirement(text: string): LabelRequirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(text);
  if (setMatch) {
    const values = setMatch[3].split(',').map(v => checkValue(v.trim()));
    return {
      key: checkKey(setMatch[1]),
      operator: setMatch[2] as 'in' | 'notin',
      values,
    };
  }
  const opMatch = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(text);
  if (opMatch) {
    return {
      key: checkKey(opMatch[1]),
      operator: opMatch[2] === '!=' ? 'neq' : 'eq',
      value: checkValue(opMatch[3]),
    };
  }
  if (text.startsWith('!')) {
    return { key: checkKey(text.slice(1).trim()), operator: 'notexists' };
  }
  return { key: checkKey(text), operator: 'exists' };
}

/** True when the labels satisfy every requirement. @public */
export function matchesRequirements(
  requirements: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.operator) {
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      case 'eq':
        return has && l[r.key] === r.value;
      case 'neq':
        return !has || l[r.key] !== r.value;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      default:
        return false;
    }
  });
}

/** The canonical string form, for sending to a cluster. @public */
export function formatLabelSelector(requirements: LabelRequirement[]): string {
  return requirements
    .map(r => {
      switch (r.operator) {
        case 'exists':
          return r.key;
        case 'notexists':
          return `!${r.key}`;
        case 'eq':
          return `${r.key}=${r.value}`;
        case 'neq':
          return `${r.key}!=${r.value}`;
        default:
          return `${r.key} ${r.operator} (${r.values.join(',')})`;
      }
    })
    .join(',');
}

/**
 * Converts a `matchLabels` / `matchExpressions` selector (Rollout `spec.selector`, Pyrra
 * `spec.selector`...) to requirements. Unknown operators make it match nothing.
 * @public
 */
export function requirementsFromLabelSelector(
  selector: LabelSelector | undefined,
): LabelRequirement[] | undefined {
  if (!selector) return undefined;
  const requirements: LabelRequirement[] = Object.entries(
    selector.matchLabels ?? {},
  ).map(([key, value]) => ({ key, operator: 'eq', value }));
  for (const expression of selector.matchExpressions ?? []) {
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        requirements.push({ key: expression.key, operator: 'in', values });
        break;
      case 'NotIn':
        requirements.push({ key: expression.key, operator: 'notin', values });
        break;
      case 'Exists':
        requirements.push({ key: expression.key, operator: 'exists' });
        break;
      case 'DoesNotExist':
        requirements.push({ key: expression.key, operator: 'notexists' });
        break;
      default:
        return undefined;
    }
  }
  return requirements;
}
