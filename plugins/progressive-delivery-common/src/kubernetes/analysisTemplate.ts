import { KubernetesObject, ObjectMeta } from './objectMeta';
import { Metric } from './analysisRun';

/** Template argument; a value or a secret / field reference. @public */
export interface AnalysisTemplateArgument {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    fieldRef?: { fieldPath: string };
  };
}

/** @public */
export interface AnalysisTemplateSpec {
  metrics: Metric[];
  args?: AnalysisTemplateArgument[];
  dryRun?: Array<{ metricName: string }>;
  measurementRetention?: Array<{ metricName: string; limit: number }>;
}

/** Namespaced `argoproj.io/v1alpha1` AnalysisTemplate. @public */
export interface AnalysisTemplate extends KubernetesObject {
  metadata: ObjectMeta;
  spec: AnalysisTemplateSpec;
}

/** Cluster-scoped variant with the same spec. @public */
export interface ClusterAnalysisTemplate extends KubernetesObject {
  metadata: ObjectMeta;
  spec: AnalysisTemplateSpec;
}
