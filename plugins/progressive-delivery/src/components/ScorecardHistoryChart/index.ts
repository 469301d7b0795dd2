export { ScorecardHistoryChart } from './ScorecardHistoryChart';
