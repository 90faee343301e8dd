import { logPositionAt, recordedAtOf } from '../../projections/evidence/binder';
import { findOrganisation, findOrganisationProfile } from '../../projections/organisations/queries';
import {
  type IndicatorAssessment,
  linkedDocumentsAt,
  linkedItemsAt,
  selfAssessmentsAt,
} from '../../projections/self-assessment/queries';
import { kindLabel, sourceLabel } from '../binder/kinds';
import { binderReferential } from '../binder/source';
import type { Db } from '../db/database';
import { badRequest } from '../kernel/errors';
import { frenchDate, parisDate, startOfNextParisDay } from '../kernel/paris-time';
import type { SelfRating } from './events';

/** The self-rating in the document's French. */
export const RATING_LABELS: Record<SelfRating, string> = {
  conform: 'Conforme',
  partly: 'Partiellement conforme',
  not_yet: 'Pas encore conforme',
};

export interface PreparatoryEvidence {
  kind: 'document' | 'evidence_item';
  /** The document's id, or the id of the event behind the timeline item. */
  id: string;
  /** "Document « Livret d’accueil », version 2" or the timeline item's title. */
  title: string;
  /** The Paris day it is dated, YYYY-MM-DD. */
  on: string;
  /** How to find it again: the file and its hash, or the item's kind, source and log position. */
  reference: string;
}

export interface PreparatoryIndicator {
  number: number;
  wording: string;
  approach: { text: string; version: number; writtenOn: string } | null;
  rating: { label: string; note: string | null; ratedOn: string } | null;
  evidence: PreparatoryEvidence[];
}

/** What the preparatory document says, drawn from the read models at one log position. */
export interface PreparatoryContent {
  organisation: { name: string; siret: string | null };
  /** The Paris day asked for. */
  asOf: string;
  /** The log position it was drawn from, and when that event was recorded (ISO). */
  position: number;
  recordedAt: string;
  referentialVersion: string;
  criteria: { number: number; title: string; indicators: PreparatoryIndicator[] }[];
}

/**
 * The log position a document "as of" a Paris day reads: the newest event recorded by the end of that day (today:
 * the newest of all), or the position asked for when drawing a document again exactly (never past the log's head).
 */
export const positionFor = async (db: Db, asOf: string, today: string, position: number | null) => {
  if (asOf > today)
    throw badRequest('as_of_in_future', 'A document is drawn as of today or a past day', { asOf, today });
  const head = await logPositionAt(db, asOf < today ? startOfNextParisDay(asOf) : null);
  if (position === null)
    return { position: head?.position ?? 0, recordedAt: head?.recordedAt ?? new Date(0) };
  if (!head || position > head.position) {
    throw badRequest('position_after_as_of', 'The position is after the end of that day', {
      position,
      last: head?.position ?? 0,
    });
  }
  const recordedAt = await recordedAtOf(db, position);
  if (!recordedAt) throw badRequest('position_unknown', 'No event at this position', { position });
  return { position, recordedAt };
};

const byDateThenTitle = (a: PreparatoryEvidence, b: PreparatoryEvidence) =>
  a.on.localeCompare(b.on) || a.title.localeCompare(b.title, 'fr') || a.reference.localeCompare(b.reference);

/**
 * The linked evidence of these indicators' assessments as it stood at a position (null: now), per indicator, by
 * date then title. A link whose target is not on record at the position (an item not yet projected) is left out.
 */
export const linkedEvidence = async (
  db: Db,
  organisationId: string,
  assessments: readonly IndicatorAssessment[],
  position: number | null,
): Promise<Map<number, PreparatoryEvidence[]>> => {
  const links = assessments.flatMap((entry) => entry.links);
  const [documents, items] = await Promise.all([
    linkedDocumentsAt(
      db,
      organisationId,
      links.filter((link) => link.kind === 'document').map((link) => link.target_id),
      position,
    ),
    linkedItemsAt(
      db,
      organisationId,
      links
        .filter((link) => link.kind === 'evidence_item')
        .map((link) => ({ indicator: link.indicator, eventId: link.target_id })),
      position,
    ),
  ]);
  const documentById = new Map(documents.map((row) => [row.document_id, row]));
  const itemByKey = new Map(items.map((row) => [`${row.event_id}:${row.indicator}`, row]));
  const result = new Map<number, PreparatoryEvidence[]>();
  for (const assessment of assessments) {
    const evidence = assessment.links.flatMap((link): PreparatoryEvidence[] => {
      if (link.kind === 'document') {
        const row = documentById.get(link.target_id);
        if (!row) return [];
        return [
          {
            kind: 'document',
            id: link.target_id,
            title: `Document « ${row.title} », version ${row.version}${row.withdrawn ? ' (retiré)' : ''}`,
            on: calendarDay(row.dated_on),
            reference: `fichier ${row.file_name}, SHA-256 ${row.sha256.slice(0, 16)}…`,
          },
        ];
      }
      const row = itemByKey.get(`${link.target_id}:${assessment.indicator}`);
      if (!row) return [];
      return [
        {
          kind: 'evidence_item',
          id: link.target_id,
          title: row.title,
          on: parisDate(new Date(row.occurred_at)),
          reference: `${kindLabel(row.kind)} — ${sourceLabel(row.source_type)} ${row.source_id}, position ${row.position}`,
        },
      ];
    });
    result.set(assessment.indicator, evidence.sort(byDateThenTitle));
  }
  return result;
};

/** A date column as YYYY-MM-DD, whether the driver gives a string or a Date. */
const calendarDay = (value: unknown) =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

/**
 * The preparatory document's content at a log position: per criterion and applicable indicator (the referential of
 * the day asked for), the official wording, the approach, the linked evidence as it stood then, and the rating.
 */
export const preparatoryContent = async (
  db: Db,
  organisationId: string,
  asOf: string,
  at: { position: number; recordedAt: Date },
): Promise<PreparatoryContent> => {
  const [organisation, profile, { referential, applicable }, assessments] = await Promise.all([
    findOrganisation(db, organisationId),
    findOrganisationProfile(db, organisationId),
    binderReferential(db, organisationId, asOf),
    selfAssessmentsAt(db, organisationId, at.position),
  ]);
  const evidence = await linkedEvidence(db, organisationId, [...assessments.values()], at.position);
  const evidenceOf = (indicator: number) => evidence.get(indicator) ?? [];
  const covered = new Set(applicable);
  return {
    organisation: { name: profile?.legal_name ?? organisation?.name ?? '', siret: profile?.siret ?? null },
    asOf,
    position: at.position,
    recordedAt: at.recordedAt.toISOString(),
    referentialVersion: referential.version,
    criteria: referential.criteria
      .map((criterion) => ({
        number: criterion.number,
        title: criterion.title,
        indicators: criterion.indicators
          .filter((indicator) => covered.has(indicator.number))
          .map((indicator): PreparatoryIndicator => {
            const assessment = assessments.get(indicator.number);
            const approach = assessment?.approach;
            const rating = assessment?.rating;
            return {
              number: indicator.number,
              wording: indicator.title,
              approach: approach
                ? {
                    text: approach.text,
                    version: approach.version,
                    writtenOn: parisDate(new Date(approach.written_at)),
                  }
                : null,
              rating: rating
                ? {
                    label: RATING_LABELS[rating.rating],
                    note: rating.note,
                    ratedOn: parisDate(new Date(rating.rated_at)),
                  }
                : null,
              evidence: evidenceOf(indicator.number),
            };
          }),
      }))
      .filter((criterion) => criterion.indicators.length > 0),
  };
};

/** The document's file name: the organisation's day and position, so two drawings are told apart. */
export const documentFileName = (content: PreparatoryContent, extension: 'pdf' | 'docx') =>
  `document-preparatoire-${content.asOf}-position-${content.position}.${extension}`;

/** The line every rendering states: the day and the log position it was drawn from. */
export const drawnFromLine = (content: PreparatoryContent) =>
  `Établi au ${frenchDate(content.asOf)} à partir du journal arrêté à la position ${content.position}`;
