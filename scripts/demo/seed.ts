import { createOrganisationWithAdmin, emailTaken } from '../../services/access/accounts';
import type { Db } from '../../services/db/database';
import type { EventStore } from '../../services/eventstore/types';
import { newId } from '../../services/kernel/ids';
import {
  type OrganisationProfileCommand,
  organisationProfileDecider,
} from '../../services/organisation/decider';
import { organisationProfileStream } from '../../services/organisation/events';
import { seedAudits } from './audits';
import { seedComplaints } from './complaints';
import { at, type Demo, day, demoContext } from './context';
import { seedImprovement } from './improvement';
import { seedStakeholders } from './stakeholders';
import { ORGANISATION_NAME, SITES, seedTraining } from './training';
import { seedWatch } from './watch';

export const DEMO_EMAIL = 'demo@formations-horizon.example';
export const DEMO_PASSWORD = 'demo-horizon-2026';

const DAY_MS = 86_400_000;

/** Who the organisation is, where it trains, what it runs and its certificate. */
const seedProfile = async (demo: Demo, yearAgo: Date) => {
  const profile: OrganisationProfileCommand[] = [
    {
      type: 'RecordIdentity',
      identity: {
        legalName: 'Formations Horizon SAS (démo)',
        siret: '44306184100047',
        nda: '84691234569',
        address: { street: '12 rue de la République', complement: null, postalCode: '69002', city: 'Lyon' },
        contactEmail: 'qualite@formations-horizon.example',
      },
    },
    ...SITES.map((name): OrganisationProfileCommand => ({ type: 'AddSite', siteId: newId(), name })),
    {
      type: 'DeclareActivities',
      activities: {
        categories: ['training', 'skills_assessment'],
        certifying: true,
        subcontracting: false,
        workBasedTraining: false,
        alternance: false,
        newEntrant: false,
      },
    },
    {
      type: 'RecordCertification',
      certification: {
        certifierName: 'Certificateur (démo)',
        certificateNumber: 'QUA-DEMO-0001',
        issuedOn: day(yearAgo),
        expiresOn: day(new Date(yearAgo.getTime() + 3 * 365 * DAY_MS)),
        audits: [{ kind: 'initial', on: day(new Date(yearAgo.getTime() - 20 * DAY_MS)) }],
      },
    },
  ];
  for (const command of profile) {
    await demo.run(
      yearAgo,
      organisationProfileDecider,
      organisationProfileStream(demo.organisationId),
      command,
    );
  }
};

export interface SeedDemoOptions {
  db: Db;
  /** The event store the app writes through (its vault seals the personal fields). */
  store: EventStore;
  /** The demo's "today": a year of activity is seeded before it. */
  now?: Date;
  /** Progress lines, when wanted. */
  log?: (line: string) => void;
}

export type SeedDemoResult =
  | { created: false }
  | {
      created: true;
      organisationId: string;
      userId: string;
      /** The newest position written: the read models show the demo once they reach it. */
      position: number;
      counts: Record<string, number>;
    };

/**
 * A demo organisation with a year of plausible activity in every slice, written through the deciders at the
 * instants things happened. Nothing is written when the demo organisation exists already.
 */
export const seedDemo = async (options: SeedDemoOptions): Promise<SeedDemoResult> => {
  const { db, store, log = () => {} } = options;
  if (await emailTaken(db, DEMO_EMAIL)) return { created: false };
  const now = options.now ?? new Date();
  const yearAgo = new Date(now.getTime() - 365 * DAY_MS);
  const created = await createOrganisationWithAdmin(
    { db, store, clock: at(yearAgo) },
    {
      organisationName: ORGANISATION_NAME,
      name: 'Claire Martin',
      email: DEMO_EMAIL,
      password: DEMO_PASSWORD,
    },
  );
  const demo = demoContext({ store, now, ...created });
  await seedProfile(demo, yearAgo);
  const training = await seedTraining(demo, yearAgo);
  log(`${training.sessions.length} sessions, ${training.answers} learners' answers`);
  const stakeholders = await seedStakeholders(demo, training);
  log(`${stakeholders.campaigns} campaigns, ${stakeholders.contacts} partner contacts, results published`);
  const complaints = await seedComplaints(demo, training);
  log(`${complaints.complaints} complaints, ${complaints.incidents} difficulties and disruptions`);
  const watch = await seedWatch(demo);
  log(`${watch.notes} watch notes, ${watch.partners} disability partners`);
  const audits = await seedAudits(demo, yearAgo);
  const actions = await seedImprovement(demo, {
    training,
    requests: complaints.requests,
    watchRequests: watch.requests.map((data, index) => ({ data, on: watch.improvementDays[index]! })),
    nonConformities: audits.nonConformities,
  });
  log(
    `${audits.audits} audits, ${audits.nonConformities.length} non-conformities, ${actions} improvement actions`,
  );
  return {
    created: true,
    organisationId: created.organisationId,
    userId: created.userId,
    position: demo.lastPosition(),
    counts: {
      trainingActions: training.actions,
      sessions: training.sessions.length,
      learnerAnswers: training.answers,
      questionnaires: stakeholders.questionnaires,
      campaigns: stakeholders.campaigns,
      campaignAnswers: stakeholders.answers,
      partnerContacts: stakeholders.contacts,
      resultsSnapshots: stakeholders.snapshots,
      complaints: complaints.complaints,
      incidents: complaints.incidents,
      watchNotes: watch.notes,
      disabilityPartners: watch.partners,
      disabilityMeetings: watch.meetings,
      audits: audits.audits,
      nonConformities: audits.nonConformities.length,
      improvementActions: actions,
    },
  };
};
