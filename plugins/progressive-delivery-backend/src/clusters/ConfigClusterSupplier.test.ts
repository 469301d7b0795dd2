import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { ConfigClusterSupplier } from './ConfigClusterSupplier';

function supplier(clusters: JsonObject[], extraMethods: JsonObject[] = []) {
  return ConfigClusterSupplier.fromConfig(
    new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [...extraMethods, { type: 'config', clusters }],
      },
    }),
  );
}

describe('ConfigClusterSupplier', () => {
  it('reads the standard kubernetes config block', async () => {
    const clusters = await supplier(
      [
        {
          name: 'eu-prod',
          title: 'EU production',
          url: 'https://127.0.0.1:6443/',
          authProvider: 'serviceAccount',
          serviceAccountToken: ' secret-token\n',
          caData: 'Q0E=',
        },
        { name: 'staging', url: 'http://127.0.0.1:8080', skipTLSVerify: true },
      ],
      [{ type: 'localKubectlProxy' }],
    ).getClusters();
    expect(clusters).toEqual([
      {
        name: 'eu-prod',
        title: 'EU production',
        url: 'https://127.0.0.1:6443',
        auth: { provider: 'serviceAccount', token: 'secret-token' },
        caData: 'Q0E=',
        caFile: undefined,
        skipTLSVerify: false,
      },
      {
        name: 'staging',
        title: undefined,
        url: 'http://127.0.0.1:8080',
        auth: { provider: 'serviceAccount', token: undefined },
        caData: undefined,
        caFile: undefined,
        skipTLSVerify: true,
      },
    ]);
  });

  it('marks client-side auth providers as unsupported instead of failing', async () => {
    const [cluster] = await supplier([
      { name: 'gke', url: 'https://x.example', authProvider: 'google' },
    ]).getClusters();
    expect(cluster.auth).toEqual({ provider: 'unsupported', name: 'google' });
  });

  it('returns no clusters when nothing is configured', async () => {
    await expect(
      ConfigClusterSupplier.fromConfig(new ConfigReader({})).getClusters(),
    ).resolves.toEqual([]);
  });

  it.each([
    [[{ name: '../etc', url: 'https://a' }], /Invalid cluster name/],
    [[{ name: 'a', url: 'not a url' }], /invalid url/],
    [[{ name: 'a', url: 'file:///etc/passwd' }], /must be http/],
    [
      [
        { name: 'a', url: 'https://a' },
        { name: 'a', url: 'https://b' },
      ],
      /Duplicate cluster name/,
    ],
  ])('rejects bad cluster config %j', (clusters, message) => {
    expect(() => supplier(clusters)).toThrow(message);
  });
});
