export type { ScorecardGroup, ScorecardGrouping } from './aggregate';
export {
  compareScorecards,
  groupScorecards,
  scorecardLevelIndex,
  scorecardPassRatio,
} from './aggregate';
export type { CsvValue } from './csv';
export { csvCell, scorecardGroupsCsv, scorecardsCsv, toCsv } from './csv';
export type { ScorecardCheckDefinition } from './checkDefinitions';
export { SCORECARD_CHECK_DEFINITIONS } from './checkDefinitions';
export { emptyScorecardOutcomes } from './emptyOutcomes';
export {
  SCORECARD_LEVEL_RULES,
  scorecardLevel,
  scorecardScore,
} from './levels';
