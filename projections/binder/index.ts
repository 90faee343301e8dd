import type { ReadSlice } from '../read-slice';
import { binderProjection } from './projection';

/** Audit binder exports: requests, outcomes and the archives' hashes. */
export const binderReadSlice: ReadSlice = { name: 'binder', projections: [binderProjection] };
