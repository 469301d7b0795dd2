import { ScorecardEvidence } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { checkResult, rolloutEvidence } from '../findings';
import { SCORECARD_DOCS, SCORECARD_TEMPLATE_REFS } from '../fixes';
import { ClusterDeployment, ScorecardCheckFn } from '../types';

function deploymentEvidence(
  { cluster, deployment, workloadRefOf }: ClusterDeployment,
  detail: string,
): ScorecardEvidence {
  return {
    cluster,
    kind: 'Deployment',
    namespace: deployment.metadata.namespace,
    name: deployment.metadata.name ?? '',
    field: workloadRefOf ? undefined : 'metadata.labels',
    detail,
  };
}

/**
 * Fails for every Deployment with the entity's labels that no Rollout takes over through
 * `spec.workloadRef`; passes when the entity's workloads are Rollouts.
 */
export const runsAsRollout: ScorecardCheckFn = input => {
  const unmanaged = input.deployments.filter(d => !d.workloadRefOf);
  const managed = input.deployments.filter(d => d.workloadRefOf);
  if (input.rollouts.length === 0 && input.deployments.length === 0) {
    return checkResult('runs-as-rollout', 'n/a', [], {
      text: "Nothing with the entity's labels runs in any cluster yet: create the service with progressive delivery from the start.",
      url: SCORECARD_DOCS.canary,
      templateRef: SCORECARD_TEMPLATE_REFS.newService,
    });
  }
  const fix = {
    text: 'Migrate the Deployment to an Argo Rollout: a Rollout that references it with spec.workloadRef runs next to it until the switch is done.',
    url: SCORECARD_DOCS.migrating,
    templateRef: SCORECARD_TEMPLATE_REFS.migrateDeployment,
  };
  const evidence: ScorecardEvidence[] = [
    ...unmanaged.map(d =>
      deploymentEvidence(
        d,
        "a Deployment with the entity's labels that no Rollout references through spec.workloadRef: it is released by a rolling update, without canary steps or analysis",
      ),
    ),
    ...input.rollouts.map(r =>
      rolloutEvidence(
        r,
        r.rollout.spec?.workloadRef ? 'spec.workloadRef' : undefined,
        r.rollout.spec?.workloadRef
          ? `runs as a Rollout, with the pod template of ${
              r.rollout.spec.workloadRef.kind ?? 'Deployment'
            } ${r.rollout.spec.workloadRef.name ?? '(unnamed)'}`
          : 'runs as a Rollout',
      ),
    ),
    ...managed.map(d =>
      deploymentEvidence(
        d,
        `taken over by Rollout ${d.workloadRefOf} through spec.workloadRef`,
      ),
    ),
  ];
  return checkResult(
    'runs-as-rollout',
    unmanaged.length > 0 ? 'fail' : 'pass',
    evidence,
    fix,
  );
};
