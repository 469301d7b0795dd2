export { ActionConfirmDialog } from './ActionConfirmDialog';
