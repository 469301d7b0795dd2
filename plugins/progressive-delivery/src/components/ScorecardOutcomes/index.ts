export {
  failureRate,
  promoteTime,
  ScorecardOutcomes,
} from './ScorecardOutcomes';
