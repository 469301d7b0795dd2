export { MeasurementChart } from './MeasurementChart';
