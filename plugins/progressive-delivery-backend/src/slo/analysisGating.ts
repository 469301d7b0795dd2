import {
  AnalysisTemplate,
  AnalysisTemplateRef,
  queriesSloOrBurnRate,
  Rollout,
  RolloutErrorBudgetGating,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ObjectCache } from '../cache/ObjectCache';

/** Every template a rollout references: canary steps, background, experiments, blue-green pre/post. */
export function referencedTemplates(rollout: Rollout): AnalysisTemplateRef[] {
  const refs: AnalysisTemplateRef[] = [];
  const canary = rollout.spec?.strategy?.canary;
  const blueGreen = rollout.spec?.strategy?.blueGreen;
  for (const step of canary?.steps ?? []) {
    refs.push(...(step.analysis?.templates ?? []));
    refs.push(...(step.experiment?.analyses ?? []));
  }
  refs.push(...(canary?.analysis?.templates ?? []));
  refs.push(...(blueGreen?.prePromotionAnalysis?.templates ?? []));
  refs.push(...(blueGreen?.postPromotionAnalysis?.templates ?? []));
  return refs.filter(r => typeof r.templateName === 'string');
}

/** The PromQL queries of a template's metrics (Prometheus provider only). */
export function queriesOf(template: AnalysisTemplate): string[] {
  return (template.spec?.metrics ?? [])
    .map(metric => {
      const prometheus = metric.provider?.prometheus as
        | { query?: unknown }
        | undefined;
      return prometheus?.query;
    })
    .filter((q): q is string => typeof q === 'string');
}

/**
 * Which AnalysisTemplates of a rollout query SLO or burn-rate series (Pyrra's recording rules,
 * Sloth-style SLO series, `ALERTS{alertname="ErrorBudgetBurn"}`), looked up in the cluster's
 * watch cache. Undefined when none does (or the templates are not in the cache).
 */
export function errorBudgetGating(
  cache: ObjectCache,
  rollout: Rollout,
): RolloutErrorBudgetGating | undefined {
  const templates: string[] = [];
  for (const ref of referencedTemplates(rollout)) {
    const name = ref.templateName!;
    const template = ref.clusterScope
      ? cache.get<AnalysisTemplate>('ClusterAnalysisTemplate', undefined, name)
      : cache.get<AnalysisTemplate>(
          'AnalysisTemplate',
          rollout.metadata.namespace,
          name,
        );
    if (!template || !queriesOf(template).some(queriesSloOrBurnRate)) continue;
    const label = ref.clusterScope ? `ClusterAnalysisTemplate/${name}` : name;
    if (!templates.includes(label)) templates.push(label);
  }
  return templates.length > 0 ? { templates } : undefined;
}
