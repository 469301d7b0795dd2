export { ActionButtons } from './ActionButtons';
export { gateActions, ACTION_LABELS } from './gateActions';
export type { GatedAction } from './gateActions';
