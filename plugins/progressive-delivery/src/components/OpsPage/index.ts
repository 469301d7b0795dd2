export { OpsPage, OpsPageContent } from './OpsPage';
