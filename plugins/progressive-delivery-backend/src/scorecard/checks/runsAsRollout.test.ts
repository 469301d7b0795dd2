import { Rollout } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import {
  rolloutOf,
  scenario,
  shopDeployment,
  shopManifests,
} from '../__testUtils__/scenario';
import { runsAsRollout } from './runsAsRollout';

/** The migration template's Rollout: the pod template comes from Deployment `shop`. */
function migrated(): Rollout {
  return rolloutOf(
    shopManifests({ workloadRef: { name: 'shop', scaleDown: 'onsuccess' } }),
  );
}

describe('runs-as-rollout', () => {
  it('passes for a Rollout', () => {
    const check = runsAsRollout(scenario(shopManifests()));
    expect(check.result).toBe('pass');
    expect(check.evidence).toEqual([
      {
        cluster: 'prod',
        kind: 'Rollout',
        namespace: 'shop',
        name: 'shop',
        detail: 'runs as a Rollout',
      },
    ]);
  });

  it('passes for a Deployment taken over through workloadRef', () => {
    const check = runsAsRollout(scenario([migrated(), shopDeployment()]));
    expect(check.result).toBe('pass');
    expect(check.evidence.map(e => [e.kind, e.field, e.detail])).toEqual([
      [
        'Rollout',
        'spec.workloadRef',
        'runs as a Rollout, with the pod template of Deployment shop',
      ],
      [
        'Deployment',
        undefined,
        'taken over by Rollout shop through spec.workloadRef',
      ],
    ]);
  });

  it('fails for a Deployment no Rollout references, pointing at the migration template', () => {
    const check = runsAsRollout(scenario([shopDeployment()]));
    expect(check.result).toBe('fail');
    expect(check.evidence[0]).toMatchObject({
      cluster: 'prod',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'shop',
      field: 'metadata.labels',
    });
    expect(check.fix).toMatchObject({
      templateRef: 'template:default/migrate-deployment-progressive-delivery',
      url: 'https://argo-rollouts.readthedocs.io/en/stable/migrating/',
    });
  });

  it('fails when one cluster still runs the Deployment alone', () => {
    const check = runsAsRollout(
      scenario([
        { cluster: 'eu', object: migrated() },
        { cluster: 'eu', object: shopDeployment() },
        { cluster: 'us', object: shopDeployment() },
      ]),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0]).toMatchObject({
      cluster: 'us',
      kind: 'Deployment',
    });
  });

  it('does not count a workloadRef in another namespace or to another name', () => {
    const elsewhere = {
      ...migrated(),
      metadata: { ...migrated().metadata, namespace: 'other' },
    };
    expect(runsAsRollout(scenario([elsewhere, shopDeployment()])).result).toBe(
      'fail',
    );
    expect(
      runsAsRollout(scenario([migrated(), shopDeployment('shop-v2')])).result,
    ).toBe('fail');
  });

  it('ignores Deployments of other entities', () => {
    const other = shopDeployment('billing');
    other.metadata.labels = {
      app: 'billing',
      'backstage.io/kubernetes-id': 'billing',
    };
    expect(runsAsRollout(scenario([...shopManifests(), other])).result).toBe(
      'pass',
    );
  });

  it('does not apply when nothing of the entity runs anywhere', () => {
    const check = runsAsRollout(scenario([]));
    expect(check.result).toBe('n/a');
    expect(check.evidence).toEqual([]);
    expect(check.fix.templateRef).toBe(
      'template:default/new-service-progressive-delivery',
    );
  });
});
