export { TableCell } from './TableCell';
