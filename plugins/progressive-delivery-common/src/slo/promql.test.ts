import { SloInputError } from './errors';
import {
  escapePromLabelValue,
  escapePromRegex,
  formatGoFloatG,
  formatLabelMatchers,
  formatPromNumber,
  formatSelector,
  isValidLabelName,
  isValidMetricName,
  labelMatchers,
  quotePromString,
} from './promql';
import { parsePromSelector } from './selector';

describe('escapePromLabelValue', () => {
  it.each([
    ['plain', 'plain'],
    ['say "hi"', 'say \\"hi\\"'],
    ['C:\\path', 'C:\\\\path'],
    ['line1\nline2', 'line1\\nline2'],
    ['tab\there\r', 'tab\\there\\r'],
    ['"} or vector(1) #', '\\"} or vector(1) #'],
    ['\\"} or vector(1) #', '\\\\\\"} or vector(1) #'],
    ['bell\u0007\u001b\u007f', 'bell\\a\\x1b\\x7f'],
    ['nbsp\u00a0sep\u2028', 'nbsp\\u00a0sep\\u2028'],
    ['ünïcödé ✓ 日本', 'ünïcödé ✓ 日本'],
    ["it's `raw`", "it's `raw`"],
    ['lone \ud800 surrogate', 'lone \\ufffd surrogate'],
  ])('escapes %j', (value, escaped) => {
    expect(escapePromLabelValue(value)).toBe(escaped);
  });

  it('always round-trips through the selector parser', () => {
    const hostile = [
      '"} or vector(1) #',
      '\\',
      '"',
      '\n',
      '\\"} or on() vector(1) or {a="',
      "'; drop",
      '}{',
      'a\u0000b',
    ];
    for (const value of hostile) {
      const promql = `m${labelMatchers({ job: value })}`;
      expect(parsePromSelector(promql)).toEqual({
        metric: 'm',
        matchers: [{ name: 'job', type: '=', value }],
      });
    }
  });

  it('quotes', () => {
    expect(quotePromString('a"b')).toBe('"a\\"b"');
  });
});

describe('labelMatchers', () => {
  it('builds sorted, escaped equality matchers', () => {
    expect(labelMatchers({ b: 'y', a: 'x' })).toBe('{a="x",b="y"}');
    expect(labelMatchers({ job: '"} or vector(1) #' })).toBe(
      '{job="\\"} or vector(1) #"}',
    );
    expect(labelMatchers({})).toBe('');
  });

  it('rejects invalid label names', () => {
    for (const name of ['', '1a', 'a-b', 'a"b', 'a}', 'ä', '__name__ or']) {
      expect(() => labelMatchers({ [name]: 'x' })).toThrow(SloInputError);
    }
    expect(isValidLabelName('_a1')).toBe(true);
    expect(isValidLabelName('a:b')).toBe(false);
    expect(isValidMetricName('a:b_c')).toBe(true);
    expect(isValidMetricName('a-b')).toBe(false);
  });

  it('formats matchers of every type and selectors', () => {
    expect(
      formatLabelMatchers([
        { name: 'job', type: '=', value: 'x' },
        { name: 'code', type: '=~', value: '5..' },
        { name: 'le', type: '!=', value: '' },
        { name: 'path', type: '!~', value: '/health' },
      ]),
    ).toBe('{code=~"5..",job="x",le!="",path!~"/health"}');
    expect(formatSelector('up', [])).toBe('up');
    expect(() => formatSelector('up{', [])).toThrow(SloInputError);
    expect(() =>
      formatLabelMatchers([
        { name: 'a', type: '==' as unknown as '=', value: '' },
      ]),
    ).toThrow(SloInputError);
  });

  it('escapes regex metacharacters for literal matches', () => {
    expect(escapePromRegex('a.b*(c)|[d]{e}^$+?\\')).toBe(
      'a\\.b\\*\\(c\\)\\|\\[d\\]\\{e\\}\\^\\$\\+\\?\\\\',
    );
  });
});

describe('number formatting', () => {
  it.each([
    [0.99, '0.99'],
    [0.9990000000000001, '0.9990000000000001'],
    [14, '14'],
    [1e-7, '0.0000001'],
    [1.5e-7, '0.00000015'],
    [1e21, '1000000000000000000000'],
    [-2.5e-8, '-0.000000025'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('formatPromNumber(%p) = %s', (value, text) => {
    expect(formatPromNumber(value)).toBe(text);
  });

  it.each([
    [0.2, '0.2'],
    [1, '1'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [123456, '123456'],
    [1000000, '1e+06'],
    [1.5e-7, '1.5e-07'],
  ])('formatGoFloatG(%p) = %s', (value, text) => {
    expect(formatGoFloatG(value)).toBe(text);
  });
});
