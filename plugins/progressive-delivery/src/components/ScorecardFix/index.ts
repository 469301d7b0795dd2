export { ScorecardFix } from './ScorecardFix';
