import {
  goldManifests,
  scenario,
  shopDeployment,
  shopManifests,
} from '../__testUtils__/scenario';
import { sloExists } from './sloExists';

const slo = () =>
  goldManifests().find(o => o.kind === 'ServiceLevelObjective')!;

describe('slo-exists', () => {
  it('passes with a Pyrra SLO next to the rollout', () => {
    const check = sloExists(scenario(goldManifests()));
    expect(check.result).toBe('pass');
    expect(check.evidence).toEqual([
      {
        cluster: 'prod',
        kind: 'ServiceLevelObjective',
        namespace: 'shop',
        name: 'shop-availability',
        detail: 'SLO 99.5% over 4w (ratio) next to Rollout shop',
      },
    ]);
  });

  it('fails without an SLO', () => {
    const check = sloExists(scenario(shopManifests()));
    expect(check.result).toBe('fail');
    expect(check.evidence[0]).toMatchObject({
      kind: 'Rollout',
      name: 'shop',
      detail:
        "no Pyrra ServiceLevelObjective with the entity's labels in namespace shop of cluster prod",
    });
    expect(check.fix.url).toMatch(/pyrra/);
  });

  it('needs the SLO in the cluster of every rollout', () => {
    const check = sloExists(
      scenario([
        ...goldManifests().map(object => ({ cluster: 'eu', object })),
        ...shopManifests().map(object => ({ cluster: 'us', object })),
      ]),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0]).toMatchObject({ cluster: 'us', kind: 'Rollout' });
    expect(check.evidence[1]).toMatchObject({
      cluster: 'eu',
      kind: 'ServiceLevelObjective',
    });
  });

  it("covers a Deployment no Rollout took over, and ignores other entities' SLOs", () => {
    const other = {
      ...slo(),
      metadata: {
        ...slo().metadata,
        labels: { 'backstage.io/kubernetes-id': 'billing' },
      },
    };
    expect(sloExists(scenario([shopDeployment(), other])).result).toBe('fail');
    expect(sloExists(scenario([shopDeployment(), slo()])).result).toBe('pass');
  });

  it('passes with SLOs but no workloads, and does not apply with neither', () => {
    expect(sloExists(scenario([slo()])).result).toBe('pass');
    expect(sloExists(scenario([])).result).toBe('n/a');
  });
});
