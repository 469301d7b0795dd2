import { parseCliArgs, UsageError } from './cliArgs';

describe('parseCliArgs', () => {
  it('parses every flag', () => {
    expect(
      parseCliArgs([
        '--scenario',
        'scale',
        '--port',
        '7001',
        '--clusters=4',
        '--rollouts',
        '25',
        '--latency-ms',
        '30',
        '--tls',
        '--clock-speed',
        '2.5',
        '--kubeconfig',
        '/tmp/k',
        '--anonymous',
        'read-only',
      ]),
    ).toEqual({
      scenario: 'scale',
      firstPort: 7001,
      clusters: 4,
      rolloutsPerCluster: 25,
      latencyMs: 30,
      tls: true,
      clockSpeed: 2.5,
      kubeconfigPath: '/tmp/k',
      anonymous: 'read-only',
    });
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
  });

  it.each([
    [['--scenario', 'prod']],
    [['--port', 'x']],
    [['--clusters', '0']],
    [['--latency-ms', '-5']],
    [['--clock-speed', '0']],
    [['--kubeconfig']],
    [['--bogus']],
    [['--port']],
  ])('rejects %j', args => {
    expect(() => parseCliArgs(args)).toThrow(UsageError);
  });
});
