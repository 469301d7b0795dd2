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

/**
 * Actions whose second application does something more (another step, another revision
 * back, another restart). Only these are refused when the rollout moved on since the
 * client looked; aborting or pausing twice is harmless, and a safety action must not be
 * refused because a progressing rollout changed meanwhile.
 * @public
 */
export const NON_IDEMPOTENT_ACTIONS: readonly RolloutAction[] = [
  'promote',
  'promote-full',
  'rollback',
  'restart',
];

/** @public */
export function isIdempotentAction(action: RolloutAction): boolean {
  return !NON_IDEMPOTENT_ACTIONS.includes(action);
}
