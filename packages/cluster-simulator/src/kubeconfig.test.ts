import yaml from 'js-yaml';
import { buildKubeconfig } from './kubeconfig';

describe('buildKubeconfig', () => {
  it('has a context per cluster with CA data (TLS) or insecure-skip-tls-verify (http)', () => {
    const config = yaml.load(
      buildKubeconfig([
        {
          name: 'eu-prod',
          url: 'https://127.0.0.1:1',
          caPem: 'PEM',
          readWriteToken: 'rw',
          readOnlyToken: 'ro',
        },
        {
          name: 'staging',
          url: 'http://127.0.0.1:2',
          readWriteToken: 'rw',
          readOnlyToken: 'ro',
        },
      ]),
    ) as any;
    expect(config['current-context']).toBe('eu-prod');
    expect(config.contexts).toEqual([
      {
        name: 'eu-prod',
        context: { cluster: 'eu-prod', user: 'eu-prod-read-write' },
      },
      {
        name: 'staging',
        context: { cluster: 'staging', user: 'staging-read-write' },
      },
    ]);
    expect(config.clusters[0].cluster).toEqual({
      server: 'https://127.0.0.1:1',
      'certificate-authority-data': Buffer.from('PEM').toString('base64'),
    });
    expect(config.clusters[1].cluster).toEqual({
      server: 'http://127.0.0.1:2',
      'insecure-skip-tls-verify': true,
    });
    expect(config.users.map((u: any) => `${u.name}=${u.user.token}`)).toEqual([
      'eu-prod-read-write=rw',
      'eu-prod-read-only=ro',
      'staging-read-write=rw',
      'staging-read-only=ro',
    ]);
  });
});
