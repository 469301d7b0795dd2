/**
 * The actions a user can take on a Rollout, as the kubectl plugin names them
 * (`rollback` is `kubectl argo rollouts undo`).
 * @public
 */
export const ROLLOUT_ACTIONS = [
  'promote',
  'promote-full',
  'abort',
  'retry',
  'restart',
  'pause',
  'resume',
  'rollback',
] as const;

/** @public */
export type RolloutAction = (typeof ROLLOUT_ACTIONS)[number];

/** Narrows untrusted input (a request body) to a known action. @public */
export function isRolloutAction(value: unknown): value is RolloutAction {
  return (
    typeof value === 'string' &&
    (ROLLOUT_ACTIONS as readonly string[]).includes(value)
  );
}
