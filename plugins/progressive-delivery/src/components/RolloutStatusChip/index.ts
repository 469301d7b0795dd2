export { RolloutStatusChip } from './RolloutStatusChip';
