import {
  AnnotatedEntity,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_ID_LABEL,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
} from '../annotations';
import {
  formatLabelSelector,
  isValidLabelValue,
  LabelRequirement,
  LabelSelectorError,
  parseLabelSelector,
} from './labelSelector';

/** Which workloads belong to an entity, as the Kubernetes plugin matches them. @public */
export interface EntityWorkloadSelector {
  requirements: LabelRequirement[];
  /** Canonical string form, e.g. `backstage.io/kubernetes-id=checkout`. */
  labelSelector: string;
  /** Only this namespace, when the entity says so. */
  namespace?: string;
}

const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The workload selector of an entity: `backstage.io/kubernetes-label-selector` when set,
 * else `backstage.io/kubernetes-id=<id>`, optionally limited to
 * `backstage.io/kubernetes-namespace`. Returns undefined when the entity has neither
 * annotation; throws LabelSelectorError when an annotation is malformed.
 * @public
 */
export function entityWorkloadSelector(
  entity: AnnotatedEntity,
): EntityWorkloadSelector | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const selectorText =
    annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION]?.trim();
  const id = annotations[KUBERNETES_ID_ANNOTATION]?.trim();
  let requirements: LabelRequirement[];
  if (selectorText) {
    requirements = parseLabelSelector(selectorText);
  } else if (id) {
    if (!isValidLabelValue(id)) {
      throw new LabelSelectorError(
        `Invalid ${KUBERNETES_ID_ANNOTATION} '${id}'`,
      );
    }
    requirements = [{ key: KUBERNETES_ID_LABEL, operator: 'eq', value: id }];
  } else {
    return undefined;
  }
  const namespace =
    annotations[KUBERNETES_NAMESPACE_ANNOTATION]?.trim() || undefined;
  if (namespace !== undefined && !NAMESPACE.test(namespace)) {
    throw new LabelSelectorError(
      `Invalid ${KUBERNETES_NAMESPACE_ANNOTATION} '${namespace}'`,
    );
  }
  return {
    requirements,
    labelSelector: formatLabelSelector(requirements),
    namespace,
  };
}
