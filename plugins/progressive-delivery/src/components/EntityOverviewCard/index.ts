export { EntityOverviewCard } from './EntityOverviewCard';
