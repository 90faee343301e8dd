import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type {
  BinderDocument,
  BinderEventRow,
  BinderIndicator,
  BinderItem,
  BinderSource,
  BinderStoredEvent,
} from '../../services/binder/content';
import type { BinderParts } from '../../services/binder/writer';

const ORGANISATION_ID = '0b7f6a52-6a0e-4c47-9d7e-0a8f3c1f2b11';

const event = (position: number, type: string, data: unknown): BinderStoredEvent => ({
  position,
  eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  streamId: `complaint-${position % 3}`,
  revision: position,
  type,
  recordedAt: new Date(Date.UTC(2026, 1, 1, 9, 0, position)).toISOString(),
  data,
  metadata: { userId: 'u-1', correlationId: `c-${position}` },
});

/** An event as the binder reads it from the log: data and metadata as JSON text. */
export const asEventRow = (event: BinderStoredEvent): BinderEventRow => ({
  ...event,
  data: JSON.stringify(event.data),
  metadata: JSON.stringify(event.metadata),
});

/** Events behind the items: accents, nested values, a sealed personal field as the log stores it. */
export const binderEvents: readonly BinderStoredEvent[] = [
  event(3, 'ComplaintReceived', {
    subject: 'Retard du formateur',
    from: { $pd: 1, s: 'person:1', v: 'c2VhbGVk' },
  }),
  event(7, 'ComplaintAcknowledged', { on: '2026-02-03', note: 'Accusé de réception envoyé « sous 48 h »' }),
  event(12, 'ActionPlanned', { title: 'Former les formateurs', steps: [1, 2, 3], due: null }),
  event(20, 'ActionClosed', { effective: true, ratio: 0.75 }),
];

const item = (indicator: number, stored: BinderStoredEvent, title: string): BinderItem => ({
  indicator,
  occurredAt: stored.recordedAt,
  kind: stored.type,
  title,
  summary: null,
  sourceType: 'complaint',
  sourceId: stored.streamId,
  eventId: stored.eventId,
  position: stored.position,
});

const items: Record<number, BinderItem[]> = {
  31: [item(31, binderEvents[0]!, 'Réclamation reçue'), item(31, binderEvents[1]!, 'Réclamation accusée')],
  32: [item(32, binderEvents[2]!, 'Action planifiée'), item(32, binderEvents[3]!, 'Action close')],
};

const indicator = (number: number, wording: string): BinderIndicator => ({
  number,
  criterion: 7,
  criterionTitle: 'Recueil et prise en compte des appréciations et des réclamations',
  wording,
  majorOnly: false,
  itemCount: items[number]!.length,
});

const fileDocument = (
  documentId: string,
  version: number,
  fileName: string,
  text: string,
): BinderDocument => {
  const bytes = Buffer.from(text, 'utf8');
  return {
    documentId,
    version,
    title: `Document ${documentId.slice(0, 4)} v${version}`,
    on: '2026-01-15',
    indicators: [31],
    fileName,
    mediaType: 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    open: async () => Readable.from([bytes]),
  };
};

export const binderDocuments: readonly BinderDocument[] = [
  fileDocument('4d1c2b9e-1111-4aaa-8bbb-000000000001', 1, 'Procédure réclamations.pdf', '%PDF-1.4 v1'),
  fileDocument('4d1c2b9e-1111-4aaa-8bbb-000000000001', 2, 'Procédure réclamations.pdf', '%PDF-1.4 v2'),
  fileDocument('9e8f7a6b-2222-4ccc-8ddd-000000000002', 1, '../../etc/passwd', 'not really'),
];

/** An in-memory binder source: two indicators, four events, three document versions. */
export const binderSource = (overrides: Partial<BinderSource> = {}): BinderSource => ({
  request: {
    organisationId: ORGANISATION_ID,
    from: '2025-04-01',
    to: '2026-03-31',
    indicators: [31, 32],
    asOfPosition: 20,
    asOfRecordedAt: '2026-03-31T14:22:05.123Z',
  },
  organisation: { id: ORGANISATION_ID, name: 'Formations Dupont & Fils', siret: '12345678900012' },
  indicators: [
    indicator(31, 'Le prestataire met en œuvre des modalités de traitement des difficultés rencontrées…'),
    indicator(32, "Le prestataire met en œuvre des mesures d'amélioration…"),
  ],
  async *items(number) {
    yield* items[number] ?? [];
  },
  async *events() {
    yield* binderEvents.map(asEventRow);
  },
  async *documents() {
    yield* binderDocuments;
  },
  ...overrides,
});

const lines = async (source: BinderSource, number: number) => {
  const out: string[] = [];
  for await (const line of source.items(number)) out.push(`${line.occurredAt};${line.title}`);
  return out;
};

/** Stand-ins for the renderers: a "PDF" and one CSV per indicator, each reading the items. */
export const fakeParts: BinderParts = {
  async pdf(source) {
    const text = ['%PDF-1.4 fake binder'];
    for (const { number } of source.indicators)
      text.push(`Indicateur ${number}`, ...(await lines(source, number)));
    return Readable.from([Buffer.from(text.join('\n'), 'utf8')]);
  },
  async *tables(source) {
    // Out of order on purpose: the writer sorts them.
    for (const { number } of [...source.indicators].reverse()) {
      yield {
        path: `data/indicateur-${number}.csv`,
        stream: () =>
          Readable.from(
            (async function* () {
              yield Buffer.from('\uFEFFdate;titre\n', 'utf8');
              for (const line of await lines(source, number)) yield Buffer.from(`${line}\n`, 'utf8');
            })(),
          ),
      };
    }
  },
};
