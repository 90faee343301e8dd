import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { disabilityNetworkDecider } from './decider';
import type { DisabilityNetworkEvent, DisabilityPartner } from './events';

const spec = deciderSpec(disabilityNetworkDecider);
const TODAY = '2026-12-04';
const capEmploi: DisabilityPartner = {
  partnerId: 'p1',
  kind: 'cap_emploi',
  name: 'Cap emploi 69',
  contacts: [{ name: 'Nadia Benali', role: 'Conseillère', email: 'n.benali@example.fr', phone: null }],
};
const listed: DisabilityNetworkEvent = { type: 'DisabilityPartnerListed', data: capEmploi };
const meeting = {
  type: 'RecordMeeting' as const,
  meetingId: 'm1',
  partnerId: 'p1',
  on: '2026-11-30',
  subject: 'Aménagements pour la session de janvier',
  outcome: 'Étude de poste prévue',
  today: TODAY,
};

describe('disability network decider', () => {
  it('lists a partner with its contacts, once', () => {
    spec.given([]).when({ type: 'ListPartner', partner: capEmploi }).thenEmits([listed]);
    spec
      .given([listed])
      .when({ type: 'ListPartner', partner: capEmploi })
      .thenRejects('disability_partner_exists', 409);
  });

  it('updates a partner, and the same content records nothing', () => {
    spec
      .given([listed])
      .when({ type: 'UpdatePartner', partner: { ...capEmploi, name: 'Cap emploi Rhône' } })
      .thenMatches([{ type: 'DisabilityPartnerUpdated', data: { name: 'Cap emploi Rhône' } }]);
    spec.given([listed]).when({ type: 'UpdatePartner', partner: capEmploi }).thenNothing();
  });

  it('refuses a meeting with a partner not in the network, or dated after today', () => {
    spec.given([]).when(meeting).thenRejects('disability_partner_not_found', 404);
    spec
      .given([listed])
      .when({ ...meeting, on: '2026-12-05' })
      .thenRejects('meeting_date_in_future', 400);
  });

  it('records a meeting with the partner’s name, once per meeting id', () => {
    const first = spec.given([listed]).when(meeting).decided();
    spec
      .given([listed])
      .when(meeting)
      .thenMatches([
        { type: 'DisabilityNetworkMeetingHeld', data: { partnerName: 'Cap emploi 69', on: '2026-11-30' } },
      ]);
    spec
      .given([listed, ...first])
      .when(meeting)
      .thenNothing();
  });

  it('sets the referent as a member or a named person, never both nor neither', () => {
    const base = { type: 'SetReferent' as const, referentId: 'r1', trainings: [], today: TODAY };
    spec
      .given([])
      .when({ ...base, memberId: 'u1', name: null })
      .thenMatches([{ type: 'DisabilityReferentSet' }]);
    spec
      .given([])
      .when({ ...base, memberId: null, name: 'Julie Morel' })
      .thenMatches([{ type: 'DisabilityReferentSet' }]);
    spec
      .given([])
      .when({ ...base, memberId: 'u1', name: 'Julie Morel' })
      .thenRejects('referent_invalid', 400);
    spec
      .given([])
      .when({ ...base, memberId: null, name: null })
      .thenRejects('referent_invalid', 400);
  });

  it('refuses a referent training dated after today', () => {
    spec
      .given([])
      .when({
        type: 'SetReferent',
        referentId: 'r1',
        memberId: 'u1',
        name: null,
        trainings: [{ title: 'Référent handicap', on: '2026-12-10', provider: 'Agefiph' }],
        today: TODAY,
      })
      .thenRejects('training_date_in_future', 400);
  });
});
