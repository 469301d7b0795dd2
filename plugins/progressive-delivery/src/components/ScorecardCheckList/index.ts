export { ScorecardCheckList } from './ScorecardCheckList';
