import {
  RolloutAction,
  RolloutActionAvailability,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** The result of `usePermission` for one action. */
export interface PermissionState {
  loading: boolean;
  allowed: boolean;
}

/** @public */
export interface GatedAction {
  action: RolloutAction;
  enabled: boolean;
  /** Why the button is disabled: the rollout's state, or the permission policy. */
  reason?: string;
  deniedByPermission: boolean;
}

export const ACTION_LABELS: Record<RolloutAction, string> = {
  promote: 'Promote',
  'promote-full': 'Promote full',
  abort: 'Abort',
  retry: 'Retry',
  restart: 'Restart',
  pause: 'Pause',
  resume: 'Resume',
  rollback: 'Roll back',
};

/**
 * The one place where buttons are gated: an action is enabled only when the backend's
 * `availableActions` allows it in the rollout's state and the permission policy allows the user.
 * The backend enforces both again.
 */
export function gateActions(
  availability: RolloutActionAvailability[],
  permissions: Record<RolloutAction, PermissionState>,
  entityRef: string,
): GatedAction[] {
  return availability.map(a => {
    const permission = permissions[a.action];
    if (permission && !permission.loading && !permission.allowed) {
      return {
        action: a.action,
        enabled: false,
        deniedByPermission: true,
        reason: `You are not allowed to ${a.action} rollouts of ${entityRef} (permission progressive-delivery.rollout.${a.action}).`,
      };
    }
    if (!a.enabled) {
      return {
        action: a.action,
        enabled: false,
        deniedByPermission: false,
        reason: a.reason,
      };
    }
    if (!permission || permission.loading) {
      return {
        action: a.action,
        enabled: false,
        deniedByPermission: false,
        reason: 'Checking your permissions…',
      };
    }
    return { action: a.action, enabled: true, deniedByPermission: false };
  });
}
