export { ChartFrame } from './ChartFrame';
export { linePath, plotArea } from './plotArea';
export type { ChartBox, PlotArea } from './plotArea';
