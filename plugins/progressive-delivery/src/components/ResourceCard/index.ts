export { ResourceCard } from './ResourceCard';
