import { RolloutDuration } from '../kubernetes/rollout';

const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/**
 * Seconds of a pause / experiment duration as Argo Rollouts reads it: a number or numeric string
 * is seconds, otherwise a Go duration (`"30s"`, `"5m"`, `"1h30m"`, `"1.5h"`). Fractions of a
 * second are dropped like upstream's int32 conversion. Undefined when it cannot be parsed.
 * @public
 */
export function durationSeconds(
  duration: RolloutDuration | undefined | null,
): number | undefined {
  if (duration === undefined || duration === null) return undefined;
  if (typeof duration === 'number') {
    return Number.isFinite(duration) ? Math.trunc(duration) : undefined;
  }
  const text = duration.trim();
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  const match =
    /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (!match) return undefined;
  let total = 0;
  for (const part of text.matchAll(
    /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g,
  )) {
    total += Number(part[1]) * UNIT_SECONDS[part[2]];
  }
  return Math.trunc(match[1] === '-' ? -total : total);
}

/** Compact text for a number of seconds: `45s`, `5m`, `1h30m`, `2h`. @public */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.trunc(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const parts: string[] = [];
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  if (rest || parts.length === 0) parts.push(`${rest}s`);
  return parts.join('');
}
