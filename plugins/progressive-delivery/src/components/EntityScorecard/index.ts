export { EntityScorecard } from './EntityScorecard';
export { NoWorkloads } from './NoWorkloads';
export { scorecardCounts } from './scorecardCounts';
