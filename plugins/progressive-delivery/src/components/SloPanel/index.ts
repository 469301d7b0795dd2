export { SloPanel } from './SloPanel';
export { ErrorBudgetGauge } from './ErrorBudgetGauge';
export { BurnRateTable } from './BurnRateTable';
