import {
  ScorecardEvidence,
  SloSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { combineFindings } from '../findings';
import { SCORECARD_DOCS, SCORECARD_TEMPLATE_REFS } from '../fixes';
import { Finding, ScorecardCheckFn } from '../types';

export function sloEvidence(
  slo: SloSummary,
  detail: string,
): ScorecardEvidence {
  return {
    cluster: slo.cluster,
    kind: 'ServiceLevelObjective',
    namespace: slo.namespace,
    name: slo.name,
    detail,
  };
}

function objective(slo: SloSummary): string {
  return `${slo.objective.target}% over ${slo.objective.window} (${slo.objective.indicator})`;
}

/**
 * Every workload (Rollout, or Deployment no Rollout took over) has a Pyrra SLO of the entity in
 * its cluster and namespace: SLOs are evaluated on the Prometheus serving their cluster.
 */
export const sloExists: ScorecardCheckFn = input => {
  const sloAt = (cluster: string, namespace: string | undefined) =>
    input.slos.filter(
      s => s.cluster === cluster && s.namespace === (namespace ?? ''),
    );
  const workloads = [
    ...input.rollouts.map(r => ({
      cluster: r.cluster,
      kind: 'Rollout',
      namespace: r.rollout.metadata.namespace,
      name: r.rollout.metadata.name ?? '',
    })),
    ...input.deployments
      .filter(d => !d.workloadRefOf)
      .map(d => ({
        cluster: d.cluster,
        kind: 'Deployment',
        namespace: d.deployment.metadata.namespace,
        name: d.deployment.metadata.name ?? '',
      })),
  ];
  const findings: Finding[] = workloads.map(w => {
    const slos = sloAt(w.cluster, w.namespace);
    if (slos.length === 0) {
      return {
        result: 'fail',
        evidence: [
          {
            ...w,
            detail: `no Pyrra ServiceLevelObjective with the entity's labels in namespace ${w.namespace} of cluster ${w.cluster}`,
          },
        ],
      };
    }
    return {
      result: 'pass',
      evidence: slos.map(s =>
        sloEvidence(s, `SLO ${objective(s)} next to ${w.kind} ${w.name}`),
      ),
    };
  });
  if (workloads.length === 0 && input.slos.length > 0) {
    findings.push({
      result: 'pass',
      evidence: input.slos.map(s => sloEvidence(s, `SLO ${objective(s)}`)),
    });
  }
  const check = combineFindings('slo-exists', findings, {
    text: "Define a Pyrra ServiceLevelObjective for the service (e.g. 99.5% of requests without a server error over 28d) with the entity's labels, in each cluster it runs in.",
    url: SCORECARD_DOCS.pyrra,
    templateRef: SCORECARD_TEMPLATE_REFS.addRollout,
  });
  // The same SLO may cover several rollouts: list it once.
  const seen = new Set<string>();
  check.evidence = check.evidence.filter(e => {
    const key = `${e.cluster}|${e.kind}|${e.namespace}|${e.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return check;
};
