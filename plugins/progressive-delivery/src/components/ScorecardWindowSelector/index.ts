export {
  DEFAULT_SCORECARD_DAYS,
  SCORECARD_WINDOWS,
  ScorecardWindowSelector,
} from './ScorecardWindowSelector';
