export { StepsTimeline } from './StepsTimeline';
