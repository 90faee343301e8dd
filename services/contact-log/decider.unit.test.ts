import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { ERASED } from '../privacy/declarations';
import { contactLogDecider, MAX_PEOPLE } from './decider';
import type { ContactContent, ContactLogEvent } from './events';

const spec = deciderSpec(contactLogDecider);
const TODAY = '2026-12-04';

const content = (overrides: Partial<ContactContent> = {}): ContactContent => ({
  group: 'funder',
  partnerName: 'OPCO Atlas',
  kind: 'meeting',
  contactOn: '2026-11-20',
  people: [{ name: 'Claire Martin', role: 'Chargée de relation entreprises' }],
  said: 'Satisfaits des bilans transmis ; souhaitent des attestations plus tôt.',
  session: null,
  followUp: null,
  ...overrides,
});
const logged = (overrides: Partial<ContactContent> = {}): ContactLogEvent => ({
  type: 'PartnerContactLogged',
  data: { contactId: 'c1', ...content(overrides) },
});
const log = (overrides: Partial<ContactContent> = {}, today = TODAY) => ({
  type: 'LogContact' as const,
  contactId: 'c1',
  content: content(overrides),
  today,
});
const correct = (overrides: Partial<ContactContent> = {}) => ({
  type: 'CorrectContact' as const,
  content: content(overrides),
  today: TODAY,
});
const removed: ContactLogEvent = {
  type: 'PartnerContactRemoved',
  data: { contactId: 'c1', reason: 'duplicate', note: null },
};

describe('contact log decider', () => {
  it('logs a contact with what it says', () => {
    spec.given([]).when(log()).thenEmits([logged()]);
  });

  it('logs a contact dated today in Paris', () => {
    spec
      .given([])
      .when(log({ contactOn: TODAY }))
      .thenEmits([logged({ contactOn: TODAY })]);
  });

  it('refuses a contact dated after today', () => {
    spec
      .given([])
      .when(log({ contactOn: '2026-12-05' }))
      .thenRejects('contact_date_in_future', 400);
  });

  it('refuses a contact that names nobody met', () => {
    spec
      .given([])
      .when(log({ people: [] }))
      .thenRejects('people_missing', 400);
  });

  it(`refuses more than ${MAX_PEOPLE} people`, () => {
    const people = Array.from({ length: MAX_PEOPLE + 1 }, (_, index) => ({ name: `P${index}`, role: null }));
    spec.given([]).when(log({ people })).thenRejects('too_many_people', 400);
  });

  it('refuses to log the same contact twice', () => {
    spec.given([logged()]).when(log()).thenRejects('contact_exists', 409);
  });

  it('makes each correction a new version, after the last one', () => {
    const first = spec
      .given([logged()])
      .when(correct({ kind: 'phone_call' }))
      .decided();
    expect(first).toEqual([
      {
        type: 'PartnerContactCorrected',
        data: { contactId: 'c1', version: 2, ...content({ kind: 'phone_call' }) },
      },
    ]);
    spec
      .given([logged(), ...first])
      .when(correct({ followUp: 'Envoyer les attestations sous 8 jours' }))
      .thenMatches([{ type: 'PartnerContactCorrected', data: { version: 3 } }]);
  });

  it('makes no revision when a correction changes nothing', () => {
    spec.given([logged()]).when(correct()).thenNothing();
  });

  it('refuses a correction dated after today', () => {
    spec
      .given([logged()])
      .when(correct({ contactOn: '2027-01-01' }))
      .thenRejects('contact_date_in_future', 400);
  });

  it('answers a correction or a removal of an unknown contact as not found', () => {
    spec.given([]).when(correct()).thenRejects('contact_not_found', 404);
    spec
      .given([])
      .when({ type: 'RemoveContact', reason: 'duplicate', note: null })
      .thenRejects('contact_not_found', 404);
  });

  it('removes a contact with its reason, once', () => {
    spec
      .given([logged()])
      .when({ type: 'RemoveContact', reason: 'duplicate', note: null })
      .thenEmits([removed]);
    spec
      .given([logged(), removed])
      .when({ type: 'RemoveContact', reason: 'other', note: null })
      .thenNothing();
  });

  it('refuses to correct a removed contact', () => {
    spec
      .given([logged(), removed])
      .when(correct({ kind: 'visit' }))
      .thenRejects('contact_removed', 409);
  });

  it('refuses to correct a contact whose personal data was erased', () => {
    const erased = logged({ said: ERASED });
    spec
      .given([erased])
      .when(correct({ kind: 'visit' }))
      .thenRejects('contact_erased', 409);
  });
});
