import { usePermission } from '@backstage/plugin-permission-react';
import {
  rolloutActionPermissions,
  RolloutAction,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { PermissionState } from './gateActions';

/** `usePermission` for every rollout action on one entity (unrolled: hooks run in a fixed order). */
export function useActionPermissions(
  entityRef: string,
): Record<RolloutAction, PermissionState> {
  const p = rolloutActionPermissions;
  const resourceRef = entityRef;
  return {
    promote: usePermission({ permission: p.promote, resourceRef }),
    'promote-full': usePermission({
      permission: p['promote-full'],
      resourceRef,
    }),
    abort: usePermission({ permission: p.abort, resourceRef }),
    retry: usePermission({ permission: p.retry, resourceRef }),
    restart: usePermission({ permission: p.restart, resourceRef }),
    pause: usePermission({ permission: p.pause, resourceRef }),
    resume: usePermission({ permission: p.resume, resourceRef }),
    rollback: usePermission({ permission: p.rollback, resourceRef }),
  };
}
