/**
 * Labels and annotations written by the Argo Rollouts controller. The names are upstream's
 * (`pkg/apis/rollouts/v1alpha1/types.go`, `utils/annotations`), so we can link objects the way
 * the kubectl plugin does.
 */

/** Revision of a ReplicaSet, Experiment or AnalysisRun (and of the Rollout itself). @public */
export const ROLLOUT_REVISION_ANNOTATION = 'rollout.argoproj.io/revision';

/** Pod-template hash a ReplicaSet (and its pods) carries; compared with `status.stableRS` etc. @public */
export const ROLLOUT_POD_TEMPLATE_HASH_LABEL = 'rollouts-pod-template-hash';

/** RFC 3339 time after which an old ReplicaSet is scaled down. @public */
export const SCALE_DOWN_DEADLINE_ANNOTATION = 'scale-down-deadline';

/** Experiment template a ReplicaSet was created for. @public */
export const EXPERIMENT_TEMPLATE_NAME_ANNOTATION =
  'experiment.argoproj.io/template-name';

/** Generation of the workloadRef target the controller last saw. @public */
export const WORKLOAD_GENERATION_ANNOTATION =
  'rollout.argoproj.io/workload-generation';

/** Kind of analysis run: `Background`, `Step`, `PrePromotion` or `PostPromotion`. @public */
export const ROLLOUT_TYPE_LABEL = 'rollout-type';

/** Step index a Step analysis run belongs to. @public */
export const STEP_INDEX_LABEL = 'step-index';

/** Measurement metadata key naming the Job a job-provider measurement ran. @public */
export const JOB_NAME_METADATA_KEY = 'job-name';
