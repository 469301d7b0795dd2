import { ScorecardOutcomes, ScorecardSummary } from '../api/scorecard';
import { groupScorecards } from './aggregate';
import { csvCell, scorecardGroupsCsv, scorecardsCsv, toCsv } from './csv';

const outcomes: ScorecardOutcomes = {
  window: {
    days: 30,
    from: '2026-01-01T00:00:00Z',
    to: '2026-01-31T00:00:00Z',
  },
  rolloutsStarted: 4,
  rolloutsCompleted: 3,
  rolloutsAborted: 1,
  medianTimeToPromoteSeconds: 600,
  p90TimeToPromoteSeconds: null,
  analysisRuns: {
    total: 5,
    successful: 4,
    failed: 1,
    errored: 0,
    inconclusive: 0,
  },
  analysisFailureRate: 0.2,
  actions: { portal: 2, elsewhere: 1 },
};

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(
      '"\'=HYPERLINK(""http://x"",""y"")"',
    );
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers as numbers and leaves empty values empty', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('ends every record with CRLF', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b,c', null],
      ]),
    ).toBe('a,1\r\n"b,c",\r\n');
  });
});

describe('scorecardsCsv', () => {
  const entity: ScorecardSummary = {
    entityRef: 'component:default/checkout',
    title: '=cmd|calc, "checkout"',
    owner: 'group:default/team-checkout',
    system: 'system:default/storefront',
    level: 'silver',
    passed: 7,
    applicable: 9,
    results: {
      'runs-as-rollout': 'pass',
      'slo-exists': 'fail',
      'pre-traffic-testing': 'n/a',
    },
    trend: -1,
    outcomes,
  };

  it('writes a header and one row per entity with outcomes and check results', () => {
    const [header, row, end] = scorecardsCsv([entity]).split('\r\n');
    const columns = header.split(',');
    expect(columns.slice(0, 5)).toEqual([
      'entity',
      'title',
      'owner',
      'system',
      'level',
    ]);
    expect(columns).toContain('runs-as-rollout');
    expect(columns).toHaveLength(19 + 10);
    expect(end).toBe('');
    expect(row).toBe(
      [
        'component:default/checkout',
        '"\'=cmd|calc, ""checkout"""',
        'group:default/team-checkout',
        'system:default/storefront',
        'silver',
        '7',
        '9',
        '0.7778',
        '-1',
        '30',
        '4',
        '3',
        '1',
        '600',
        '',
        '5',
        '0.2',
        '2',
        '1',
        'pass',
        '',
        '',
        '',
        'fail',
        '',
        '',
        'n/a',
        '',
        '',
      ].join(','),
    );
  });

  it('writes only the header without entities', () => {
    expect(scorecardsCsv([]).split('\r\n')).toHaveLength(2);
  });
});

describe('scorecardGroupsCsv', () => {
  it('writes the ranked groups', () => {
    const groups = groupScorecards(
      [
        {
          entityRef: 'component:default/a',
          owner: 'group:default/team-a',
          level: 'gold',
          passed: 2,
          applicable: 3,
          results: {},
          trend: 1,
          outcomes,
        },
      ],
      'owner',
    );
    expect(scorecardGroupsCsv(groups, 'owner')).toBe(
      'rank,owner,entities,gold,silver,bronze,none,mean_level,mean_pass_ratio,mean_trend\r\n' +
        '1,group:default/team-a,1,1,0,0,0,3,0.6667,1\r\n',
    );
  });
});
