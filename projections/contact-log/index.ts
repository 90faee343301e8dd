import { contactLogEvidence } from '../../services/contact-log/events';
import type { ReadSlice } from '../read-slice';
import { contactLogProjection } from './projection';

/** Contacts with funders and companies (indicator 30): the log and each contact's history. */
export const contactLogReadSlice: ReadSlice = {
  name: 'contact-log',
  projections: [contactLogProjection],
  evidence: contactLogEvidence,
};
