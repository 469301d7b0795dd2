import { KubernetesObject } from '@pdelivery/backstage-plugin-progressive-delivery-common';

type Json = { [key: string]: unknown };

const DROPPED_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision-history',
];

/**
 * Removes what the views never read, to keep the cache small: managed fields, the
 * last-applied annotation, and of pod templates everything but labels, annotations and the
 * containers' names and images (the status model needs nothing else; rollback reads the
 * full template from the cluster when it acts).
 */
export function stripObject<T extends KubernetesObject>(object: T): T {
  const copy = {
    ...object,
    metadata: { ...object.metadata },
  } as unknown as Json;
  const meta = copy.metadata as Json;
  delete meta.managedFields;
  if (meta.annotations) {
    const annotations = { ...(meta.annotations as Record<string, string>) };
    for (const key of DROPPED_ANNOTATIONS) delete annotations[key];
    meta.annotations = annotations;
  }
  const spec = copy.spec as Json | undefined;
  if (spec && typeof spec === 'object' && spec.template) {
    copy.spec = { ...spec, template: stripPodTemplate(spec.template as Json) };
  }
  return copy as unknown as T;
}

function stripPodTemplate(template: Json): Json {
  const metadata = (template.metadata ?? {}) as Json;
  const podSpec = (template.spec ?? {}) as Json;
  const containers = Array.isArray(podSpec.containers)
    ? (podSpec.containers as Json[]).map(c => ({
        name: c.name,
        image: c.image,
      }))
    : [];
  return {
    metadata: { labels: metadata.labels, annotations: metadata.annotations },
    spec: { containers },
  };
}
