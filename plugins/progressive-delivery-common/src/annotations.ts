/**
 * Entity annotations, shared with the Backstage Kubernetes plugin so that adopters annotate once.
 * @public
 */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
/** @public */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
/** @public */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
/** The label a workload carries when matched through `backstage.io/kubernetes-id`. @public */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** @public */
export interface AnnotatedEntity {
  metadata: { annotations?: Record<string, string> };
}

/** True when the entity carries what the plugin needs to find its workloads. @public */
export function isProgressiveDeliveryAvailable(
  entity: AnnotatedEntity,
): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[KUBERNETES_ID_ANNOTATION] ||
      annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION],
  );
}
