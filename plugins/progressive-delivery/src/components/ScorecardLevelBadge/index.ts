export { ScorecardLevelBadge } from './ScorecardLevelBadge';
