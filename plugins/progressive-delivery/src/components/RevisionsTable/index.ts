export { RevisionsTable } from './RevisionsTable';
