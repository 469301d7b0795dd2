import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The scaffolder page of a template entity ref: `template:default/add-rollout` →
 * `/create/templates/default/add-rollout`. Undefined for anything that is not a template ref.
 */
export function templatePath(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  try {
    const { kind, namespace, name } = parseEntityRef(ref, {
      defaultKind: 'template',
      defaultNamespace: 'default',
    });
    if (kind.toLocaleLowerCase('en-US') !== 'template') return undefined;
    return `/create/templates/${encodeURIComponent(
      namespace,
    )}/${encodeURIComponent(name)}`;
  } catch {
    return undefined;
  }
}

/** Only http(s) documentation links are rendered as links. */
export function safeDocsUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
