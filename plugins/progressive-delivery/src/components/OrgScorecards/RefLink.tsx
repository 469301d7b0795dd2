import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { parseRef } from './refs';

/** A link to an owner or system; a dash without one, plain text when it is not a ref. */
export function RefLink(props: {
  entityRef?: string;
  defaultKind: string;
  title?: string;
}) {
  if (!props.entityRef) return <>—</>;
  const parsed = parseRef(props.entityRef, props.defaultKind);
  return parsed ? (
    <EntityRefLink
      entityRef={parsed}
      defaultKind={props.defaultKind}
      title={props.title}
    />
  ) : (
    <>{props.entityRef}</>
  );
}
