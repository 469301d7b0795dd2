export { RefreshError } from './RefreshError';
