import type {
  BinderEventRow,
  BinderIndicator,
  BinderItem,
  BinderSource,
  ReadinessStatus,
} from '../../services/binder/content';
import { findIndicator, getReferential } from '../../services/referential';

const ORGANISATION_ID = '6f1c2a53-3f43-4c4e-9a51-0d5c1a2b3c4d';

/** An item's ids, derived from its indicator and rank so that the fixture is the same on every run. */
const uuidOf = (indicator: number, rank: number, salt: number) =>
  `${String(salt).padStart(8, '0')}-0000-4000-8000-${String(indicator * 1_000_000 + rank).padStart(12, '0')}`;

/** An indicator as the source gives it: the official wording from the referential. */
export const fixtureIndicator = (
  number: number,
  itemCount: number,
  readiness?: { status: ReadinessStatus; reasons: readonly string[] },
): BinderIndicator => {
  const indicator = findIndicator(number);
  const criterion = getReferential()?.criteria.find((candidate) => candidate.number === indicator?.criterion);
  if (!indicator || !criterion) throw new Error(`No indicator ${number} in the referential`);
  return {
    number,
    criterion: criterion.number,
    criterionTitle: criterion.title,
    wording: indicator.title,
    majorOnly: indicator.majorOnly,
    ...(readiness ? { readiness } : {}),
    itemCount,
  };
};

const COMPLAINT_TITLES = [
  'Réclamation reçue : « hébergement non conforme » — cœur du problème',
  'Accusé de réception envoyé — remboursement de 350 € demandé',
  'Réponse apportée : geste commercial de 120 € et œuvre corrigée',
  'Réclamation close — « satisfait » selon l’apprenant',
];
const COMPLAINT_KINDS = [
  'complaint_received',
  'complaint_acknowledged',
  'complaint_answered',
  'complaint_closed',
];

/** The rank-th of an indicator's `count` items, spread over the year from 5 January 2026, oldest first. */
export const fixtureItem = (indicator: number, rank: number, count: number): BinderItem => {
  const start = Date.parse('2026-01-05T08:00:00Z');
  const step = count > 1 ? Math.floor((360 * 86_400_000) / count) : 0;
  const occurredAt = new Date(start + rank * step + (rank % 7) * 3_600_000).toISOString();
  const complaint = indicator === 31;
  return {
    indicator,
    occurredAt,
    kind: complaint
      ? (COMPLAINT_KINDS[rank % 4] ?? 'complaint_received')
      : rank % 2
        ? 'reminder'
        : 'solicitation',
    title: complaint
      ? (COMPLAINT_TITLES[rank % 4] ?? '')
      : `Invitation à donner son avis envoyée n°\u00a0${rank + 1} : Apprenants — Session « Excel avancé »`,
    summary: rank % 3 === 0 ? null : `Résumé n°\u00a0${rank + 1} ; il mentionne "des guillemets", œ et 15 €.`,
    sourceType: complaint ? 'complaint' : 'campaign',
    sourceId: uuidOf(indicator, Math.floor(rank / 4), 1),
    eventId: uuidOf(indicator, rank, 2),
    position: indicator * 100_000 + rank + 1,
  };
};

/** All `count` items of an indicator, oldest first. */
export const fixtureItems = (indicator: number, count: number): BinderItem[] =>
  Array.from({ length: count }, (_, rank) => fixtureItem(indicator, rank, count));

/** A source over generated items: `counts` gives each indicator's number of items. */
export const fixtureSource = (
  counts: Readonly<Record<number, number>> = { 2: 3, 30: 14, 31: 9 },
  options: { asOfRecordedAt?: string; siret?: string | null } = {},
): BinderSource => {
  const numbers = Object.keys(counts)
    .map(Number)
    .sort((a, b) => a - b);
  const readiness: Record<number, { status: ReadinessStatus; reasons: readonly string[] }> = {
    2: { status: 'at_risk', reasons: ['Les résultats publiés datent de plus de 12 mois.'] },
    31: {
      status: 'missing',
      reasons: ['2 réclamations ont dépassé leur délai de réponse.', 'Un accusé de réception manque.'],
    },
    30: { status: 'ready', reasons: [] },
  };
  const indicators = numbers.map((number) =>
    fixtureIndicator(number, counts[number] ?? 0, readiness[number]),
  );
  const asOfPosition = 3_500_000;
  return {
    request: {
      organisationId: ORGANISATION_ID,
      from: '2026-01-01',
      to: '2026-12-31',
      indicators: numbers,
      asOfPosition,
      asOfRecordedAt: options.asOfRecordedAt ?? '2026-12-31T17:45:12.345Z',
    },
    organisation: {
      id: ORGANISATION_ID,
      name: 'Formations Cœur d’Œuvre — Saint-Étienne',
      siret: options.siret === undefined ? '12345678900012' : options.siret,
    },
    indicators,
    // A generator per call: a fresh read each time, and never the whole list of a large indicator in memory.
    items: async function* (indicator: number) {
      const count = counts[indicator] ?? 0;
      for (let rank = 0; rank < count; rank += 1) yield fixtureItem(indicator, rank, count);
    },
    events: async function* (): AsyncGenerator<BinderEventRow> {},
    documents: async function* () {},
  };
};
