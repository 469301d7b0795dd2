import { useCallback, useState } from 'react';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  RolloutAction,
  RolloutActionResponse,
  RolloutInfo,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { progressiveDeliveryApiRef, RolloutRef } from '../api';

/** Why an action did not go through, in words the user can act on. @public */
export interface ActionFailure {
  kind: 'denied' | 'conflict' | 'unavailable' | 'failed';
  status?: number;
  title: string;
  message: string;
}

/** @public */
export type RolloutActionState =
  | { status: 'idle' }
  | { status: 'running'; action: RolloutAction }
  | { status: 'done'; action: RolloutAction; result: RolloutActionResponse }
  | { status: 'error'; action: RolloutAction; failure: ActionFailure };

/** Turns an action error (a `ResponseError` from the client) into an explanation. @public */
export function explainActionFailure(
  action: RolloutAction,
  error: unknown,
): ActionFailure {
  const status = error instanceof ResponseError ? error.statusCode : undefined;
  const message =
    (error instanceof ResponseError
      ? error.body?.error?.message
      : (error as Error)?.message) ?? String(error);
  switch (status) {
    case 403:
      return {
        kind: 'denied',
        status,
        title: 'Not allowed',
        message: `You are not allowed to ${action} this rollout (permission progressive-delivery.rollout.${action}); owners of the entity may act on its rollouts. ${message}`,
      };
    case 409:
      return {
        kind: 'conflict',
        status,
        title: 'The rollout changed',
        message: `${message} Nothing was changed: review the current state and try again if it still makes sense.`,
      };
    case 503:
      return {
        kind: 'unavailable',
        status,
        title: 'Outcome unknown',
        message: `${message} The action may or may not have been applied: check the rollout's state before retrying.`,
      };
    default:
      return {
        kind: 'failed',
        status,
        title: 'The action failed',
        message,
      };
  }
}

/** What the user chose for an action, where it takes a choice. @public */
export interface RolloutActionOptions {
  /** Rollback only: the revision to go back to. */
  revision?: number;
}

/**
 * Runs an action on one rollout, sending what the user saw (`expected`) so the backend refuses
 * with 409 when the rollout has moved on.
 * @public
 */
export function useRolloutAction(
  entity: CompoundEntityRef,
  rollout: RolloutRef,
  onDone?: (result: RolloutActionResponse) => void,
): {
  state: RolloutActionState;
  run: (
    action: RolloutAction,
    info: RolloutInfo,
    reason?: string,
    options?: RolloutActionOptions,
  ) => Promise<RolloutActionResponse | undefined>;
  reset: () => void;
} {
  const api = useApi(progressiveDeliveryApiRef);
  const [state, setState] = useState<RolloutActionState>({ status: 'idle' });
  const run = useCallback(
    async (
      action: RolloutAction,
      info: RolloutInfo,
      reason?: string,
      options?: RolloutActionOptions,
    ) => {
      setState({ status: 'running', action });
      try {
        const result = await api.performAction(entity, rollout, {
          action,
          ...(reason ? { reason } : {}),
          ...(options?.revision !== undefined
            ? { revision: options.revision }
            : {}),
          expected: {
            resourceVersion: info.resourceVersion,
            stepIndex: info.currentStepIndex,
          },
        });
        setState({ status: 'done', action, result });
        onDone?.(result);
        return result;
      } catch (e) {
        setState({
          status: 'error',
          action,
          failure: explainActionFailure(action, e),
        });
        return undefined;
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      api,
      entity.kind,
      entity.namespace,
      entity.name,
      rollout.cluster,
      rollout.namespace,
      rollout.name,
      onDone,
    ],
  );
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, run, reset };
}
