import {
  type CertificationCycle,
  certificationCycle,
  type NcWarning,
  ncWarnings,
} from '../../services/audits/cycle';
import type { Db } from '../../services/db/database';
import { findOrganisationProfile } from '../organisations/queries';
import { nextPlannedAudit, nonConformitiesOf } from './queries';

/** The certificate's cycle (from the profile's issue date), or null while no certificate is recorded. */
export const cycleOf = async (db: Db, organisationId: string): Promise<CertificationCycle | null> => {
  const profile = await findOrganisationProfile(db, organisationId);
  return profile?.certificate_issued_on ? certificationCycle(profile.certificate_issued_on) : null;
};

/** The warnings of the organisation's open non-conformities on `today`. */
export const warningsOf = async (db: Db, organisationId: string, today: string): Promise<NcWarning[]> => {
  const [open, next] = await Promise.all([
    nonConformitiesOf(db, organisationId, { openOnly: true }),
    nextPlannedAudit(db, organisationId, today),
  ]);
  return ncWarnings(
    open.map((nc) => ({ grade: nc.grade, open: nc.open, notifiedOn: nc.notified_on, deadline: nc.deadline })),
    next?.planned_from ?? null,
    today,
  );
};
