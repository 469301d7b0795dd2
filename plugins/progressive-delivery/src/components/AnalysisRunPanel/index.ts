export { AnalysisRunPanel, OUTCOME_MEANING } from './AnalysisRunPanel';
