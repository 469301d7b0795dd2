import {
  AnalysisTemplate,
  AnalysisTemplateRef,
  Rollout,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { BLUE_GREEN_PATH, CANARY_PATH, stepPath } from './strategy';
import { ClusterRollout, TemplateLookup } from './types';

/** Where a rollout runs an analysis. */
export type AnalysisUseKind =
  | 'step'
  | 'background'
  | 'experiment'
  | 'pre-promotion'
  | 'post-promotion';

/** One template reference of a rollout, with the field it is written in. */
export interface AnalysisUse {
  ref: AnalysisTemplateRef & { templateName: string };
  kind: AnalysisUseKind;
  /** e.g. `spec.strategy.canary.steps[4].analysis.templates[0]`. */
  field: string;
  stepIndex?: number;
}

const KIND_WORDS: Record<AnalysisUseKind, string> = {
  step: 'analysis step',
  background: 'background analysis',
  experiment: 'experiment analysis',
  'pre-promotion': 'pre-promotion analysis',
  'post-promotion': 'post-promotion analysis',
};

export function describeUseKind(kind: AnalysisUseKind): string {
  return KIND_WORDS[kind];
}

function named(ref: AnalysisTemplateRef): ref is AnalysisUse['ref'] {
  return typeof ref.templateName === 'string' && ref.templateName !== '';
}

/**
 * Every template a rollout references, in the order of `referencedTemplates` (src/slo), each
 * with its field path for evidence.
 */
export function analysisUses(rollout: Rollout): AnalysisUse[] {
  const uses: AnalysisUse[] = [];
  const canary = rollout.spec?.strategy?.canary;
  const blueGreen = rollout.spec?.strategy?.blueGreen;
  for (const [i, step] of (canary?.steps ?? []).entries()) {
    (step.analysis?.templates ?? []).forEach((ref, j) => {
      if (named(ref)) {
        uses.push({
          ref,
          kind: 'step',
          field: stepPath(i, `analysis.templates[${j}]`),
          stepIndex: i,
        });
      }
    });
    (step.experiment?.analyses ?? []).forEach((ref, j) => {
      if (named(ref)) {
        uses.push({
          ref,
          kind: 'experiment',
          field: stepPath(i, `experiment.analyses[${j}]`),
          stepIndex: i,
        });
      }
    });
  }
  (canary?.analysis?.templates ?? []).forEach((ref, j) => {
    if (named(ref)) {
      uses.push({
        ref,
        kind: 'background',
        field: `${CANARY_PATH}.analysis.templates[${j}]`,
      });
    }
  });
  (blueGreen?.prePromotionAnalysis?.templates ?? []).forEach((ref, j) => {
    if (named(ref)) {
      uses.push({
        ref,
        kind: 'pre-promotion',
        field: `${BLUE_GREEN_PATH}.prePromotionAnalysis.templates[${j}]`,
      });
    }
  });
  (blueGreen?.postPromotionAnalysis?.templates ?? []).forEach((ref, j) => {
    if (named(ref)) {
      uses.push({
        ref,
        kind: 'post-promotion',
        field: `${BLUE_GREEN_PATH}.postPromotionAnalysis.templates[${j}]`,
      });
    }
  });
  return uses;
}

/** `AnalysisTemplate success-rate` or `ClusterAnalysisTemplate smoke-test`. */
export function templateLabel(ref: AnalysisUse['ref']): string {
  return `${
    ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate'
  } ${ref.templateName}`;
}

/** The template a use refers to, looked up in the rollout's cluster. */
export function resolveTemplate(
  lookup: TemplateLookup,
  { cluster, rollout }: ClusterRollout,
  use: AnalysisUse,
): AnalysisTemplate | undefined {
  return lookup(cluster, rollout.metadata.namespace, use.ref);
}
