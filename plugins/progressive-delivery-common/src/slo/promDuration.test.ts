import {
  formatGoDuration,
  formatPromDuration,
  normalizePromDuration,
  parsePromDuration,
  tryParsePromDuration,
} from './promDuration';
import { SloInputError } from './errors';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('parsePromDuration', () => {
  it.each([
    ['0', 0],
    ['0s', 0],
    ['250ms', 250],
    ['5m', 5 * M],
    ['1h30m', H + 30 * M],
    ['1h4m', H + 4 * M],
    ['28d', 28 * D],
    ['4w', 28 * D],
    ['2w', 14 * D],
    ['1y', 365 * D],
    ['1y2w3d4h5m6s7ms', 365 * D + 17 * D + 4 * H + 5 * M + 6 * S + 7],
    ['90m', 90 * M],
    ['007m', 7 * M],
    ['292y', 292 * 365 * D],
  ])('parses %s', (text, ms) => {
    expect(parsePromDuration(text)).toBe(ms);
  });

  it.each([
    ['', /empty duration/],
    ['5', /not a valid duration/],
    ['m', /not a valid duration/],
    ['1.5h', /unknown unit "\."|not a valid/],
    ['-5m', /not a valid duration/],
    ['5 m', /unknown unit/],
    ['5M', /unknown unit "M"/],
    ['1m1h', /not a valid duration/],
    ['1h1h', /not a valid duration/],
    ['1d ', /unknown unit/],
    ['293y', /out of range/],
    ['99999999999999999999s', /out of range/],
  ])('rejects %j', (text, message) => {
    expect(() => parsePromDuration(text)).toThrow(SloInputError);
    expect(() => parsePromDuration(text)).toThrow(message);
  });

  it('rejects non-strings and has a non-throwing variant', () => {
    expect(() => parsePromDuration(5 as unknown as string)).toThrow(
      SloInputError,
    );
    expect(tryParsePromDuration('nope')).toBeUndefined();
    expect(tryParsePromDuration('2h')).toBe(2 * H);
  });
});

describe('formatPromDuration', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [1500, '1s500ms'],
    [5 * M, '5m'],
    [H + 4 * M, '1h4m'],
    [90 * M, '1h30m'],
    [28 * D, '4w'],
    [30 * D, '30d'],
    [29 * D, '29d'],
    [14 * D, '2w'],
    [D + H + 43 * M, '1d1h43m'],
    [4 * D + 6 * H + 51 * M, '4d6h51m'],
    [3 * D + 12 * H, '3d12h'],
    [365 * D, '1y'],
    [366 * D, '366d'],
    [730 * D, '2y'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatPromDuration(ms)).toBe(text);
  });

  it('round-trips canonical strings and normalises others', () => {
    for (const text of [
      '5m',
      '1h4m',
      '4w',
      '30d',
      '1d1h43m',
      '2w',
      '1y',
      '1m30s',
      '15s',
      '100ms',
    ]) {
      expect(formatPromDuration(parsePromDuration(text))).toBe(text);
    }
    expect(normalizePromDuration('28d')).toBe('4w');
    expect(normalizePromDuration('90m')).toBe('1h30m');
    expect(normalizePromDuration('7d')).toBe('1w');
    expect(normalizePromDuration('0')).toBe('0s');
  });

  it('rejects negative or fractional milliseconds', () => {
    expect(() => formatPromDuration(-1)).toThrow(SloInputError);
    expect(() => formatPromDuration(1.5)).toThrow(SloInputError);
  });
});

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [1500, '1.5s'],
    [2 * M, '2m0s'],
    [15 * M, '15m0s'],
    [H, '1h0m0s'],
    [3 * H, '3h0m0s'],
    [26 * H + 3 * M, '26h3m0s'],
    [M + 250, '1m0.25s'],
  ])('formats %d ms as %s (Go time.Duration)', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});
