import type { WriteSlice } from '../slice';
import { documentsRoutes } from './routes';

export { binderDocuments } from './binder';

/** Evidence documents for any indicator: versions with their files (each kept), withdrawal. */
export const documentsSlice: WriteSlice = { name: 'documents', routes: documentsRoutes };
