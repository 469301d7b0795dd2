export { RolloutPanel } from './RolloutPanel';
