import { SloInputError } from './errors';
import { parsePromSelector } from './selector';

describe('parsePromSelector', () => {
  it('parses the CRD forms', () => {
    expect(
      parsePromSelector(
        'http_requests_total{job="thanos-receive-default",code=~"5.."}',
      ),
    ).toEqual({
      metric: 'http_requests_total',
      matchers: [
        { name: 'job', type: '=', value: 'thanos-receive-default' },
        { name: 'code', type: '=~', value: '5..' },
      ],
    });
    expect(parsePromSelector('probe_success')).toEqual({
      metric: 'probe_success',
      matchers: [],
    });
    expect(
      parsePromSelector(' caddy_bucket { code !~ "5..", le="0.05", } ')
        .matchers,
    ).toEqual([
      { name: 'code', type: '!~', value: '5..' },
      { name: 'le', type: '=', value: '0.05' },
    ]);
    expect(parsePromSelector('{__name__="up",job!="x"}')).toEqual({
      metric: 'up',
      matchers: [{ name: 'job', type: '!=', value: 'x' }],
    });
    expect(parsePromSelector('up{__name__="up"}').matchers).toEqual([]);
  });

  it('decodes string escapes and quote styles', () => {
    expect(
      parsePromSelector(
        'm{a="x\\"y\\\\z\\n",b=\'it\\\'s\',c=`raw\\n`,d="\\u00e9\\x41\\101\\t"}',
      ).matchers.map(m => m.value),
    ).toEqual(['x"y\\z\n', "it's", 'raw\\n', 'éAA\t']);
  });

  it.each([
    ['', /metric name is required/],
    ['{job="x"}', /metric name is required/],
    ['rate(x[5m])', /only a plain vector selector/],
    ['x[5m]', /only a plain vector selector/],
    ['x offset 5m', /only a plain vector selector/],
    ['x{job="a"', /expected ',' or '}'|unterminated|expected a label/],
    ['x{job="a}', /unterminated string/],
    ['x{job=a}', /expected a quoted string/],
    ['x{job=="a"}', /expected a quoted string/],
    ['x{"job"="a"}', /expected a label name/],
    ['x{job="\\q"}', /invalid escape/],
    ['x{__name__=~"a.*"}', /__name__ must be/],
    ['x{__name__="y"}', /__name__ must be/],
    ['x{job="a"} or vector(1)', /only a plain vector selector/],
  ])('rejects %j', (text, message) => {
    expect(() => parsePromSelector(text)).toThrow(SloInputError);
    expect(() => parsePromSelector(text)).toThrow(message);
  });
});
