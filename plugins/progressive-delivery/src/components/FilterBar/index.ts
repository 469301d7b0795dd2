export { FilterBar, FilterSelect } from './FilterBar';
