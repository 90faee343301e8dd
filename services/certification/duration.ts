import { badRequest } from '../kernel/errors';
import { ACTION_CATEGORIES, type ActionCategory } from '../referential';

/** The organisation's training turnover (total of the last bilan pédagogique et financier), before tax. */
export const TURNOVER_BANDS = ['under_150k', 'from_150k_to_750k', 'over_750k'] as const;
export type TurnoverBand = (typeof TURNOVER_BANDS)[number];

/** The audits whose duration the grid estimates. */
export const DURATION_AUDIT_KINDS = ['initial', 'surveillance', 'renewal'] as const;
export type DurationAuditKind = (typeof DURATION_AUDIT_KINDS)[number];

interface BandRule {
  label: string;
  /** Half-days every audit of the band takes. */
  base: number;
  /** Half-days added for each category of action certified. */
  perCategory: Readonly<Record<ActionCategory, number>>;
  /** Half-days added for each site beyond the first (the central one). */
  perAdditionalSite: number;
}

/**
 * The audit duration grid, in half-days, as the background article gives it ("How does a Qualiopi audit
 * work?": under €150k — 1 day, + ½ day if apprenticeship, + ½ day per site when several; €150k–750k — 1 day +
 * ½ day per category + ½ day per site; over €750k — 1½ days + ½ day per category, apprenticeship 1 day, + ½ day
 * per site), and the arrêté of 31 May 2023 for new entrants (their surveillance audit half a day longer).
 * Readings where the article is loose: "per site" counts the sites beyond the central one (as the first band
 * says), "per category" counts each category certified, the first included. The article gives no separate grid
 * for the surveillance audit: it is estimated on the same grid, and the certifier's quote decides.
 */
export const AUDIT_DURATION_GRID = {
  source:
    'Article « All you need to know about the certification required to continue your activity as a training organization » (grille des durées d’audit) ; arrêté du 31 mai 2023 pour les nouveaux entrants',
  bands: {
    under_150k: {
      label: 'Chiffre d’affaires inférieur à 150 000 €',
      base: 2,
      perCategory: { training: 0, skills_assessment: 0, vae: 0, apprenticeship: 1 },
      perAdditionalSite: 1,
    },
    from_150k_to_750k: {
      label: 'Chiffre d’affaires de 150 000 € à 750 000 €',
      base: 2,
      perCategory: { training: 1, skills_assessment: 1, vae: 1, apprenticeship: 1 },
      perAdditionalSite: 1,
    },
    over_750k: {
      label: 'Chiffre d’affaires supérieur à 750 000 €',
      base: 3,
      perCategory: { training: 1, skills_assessment: 1, vae: 1, apprenticeship: 2 },
      perAdditionalSite: 1,
    },
  } satisfies Record<TurnoverBand, BandRule>,
  /** Half-days added to a new entrant's surveillance audit. */
  newEntrantSurveillance: 1,
} as const;

/** How the categories of action read in the estimate's lines. */
export const CATEGORY_LABELS: Readonly<Record<ActionCategory, string>> = {
  training: 'actions de formation',
  skills_assessment: 'bilans de compétences',
  vae: 'validation des acquis de l’expérience',
  apprenticeship: 'apprentissage',
};

export interface DurationInput {
  turnoverBand: TurnoverBand;
  /** The categories of action to certify (at least one). */
  categories: readonly ActionCategory[];
  /** Every site, the central one included (at least one). */
  sites: number;
  auditKind: DurationAuditKind;
  /** First year of activity, or a new category of action. */
  newEntrant: boolean;
}

export interface DurationLine {
  label: string;
  halfDays: number;
}

export interface DurationEstimate {
  halfDays: number;
  lines: DurationLine[];
  source: string;
}

/** The audit duration the grid gives, in half-days, with the lines that make it up (French labels). */
export const estimateAuditDuration = (input: DurationInput): DurationEstimate => {
  if (input.categories.length === 0) {
    throw badRequest('no_category', 'Name at least one category of action to certify');
  }
  const unknown = input.categories.filter((category) => !ACTION_CATEGORIES.includes(category));
  if (unknown.length > 0) {
    throw badRequest('unknown_category', 'Unknown category of action', { categories: unknown });
  }
  if (!Number.isInteger(input.sites) || input.sites < 1) {
    throw badRequest('invalid_sites', 'Count at least one site (the central one)');
  }
  const rule: BandRule = AUDIT_DURATION_GRID.bands[input.turnoverBand];
  if (!rule) throw badRequest('unknown_turnover_band', 'Unknown turnover band');
  const lines: DurationLine[] = [{ label: `Base — ${rule.label}`, halfDays: rule.base }];
  for (const category of ACTION_CATEGORIES) {
    if (!input.categories.includes(category) || rule.perCategory[category] === 0) continue;
    lines.push({ label: `Catégorie : ${CATEGORY_LABELS[category]}`, halfDays: rule.perCategory[category] });
  }
  const additionalSites = input.sites - 1;
  if (additionalSites > 0) {
    lines.push({
      label: `Sites supplémentaires : ${additionalSites} × ½ journée`,
      halfDays: additionalSites * rule.perAdditionalSite,
    });
  }
  if (input.newEntrant && input.auditKind === 'surveillance') {
    lines.push({
      label: 'Nouvel entrant : audit de surveillance prolongé',
      halfDays: AUDIT_DURATION_GRID.newEntrantSurveillance,
    });
  }
  return {
    halfDays: lines.reduce((sum, line) => sum + line.halfDays, 0),
    lines,
    source: AUDIT_DURATION_GRID.source,
  };
};

/** A number of half-days in French: « ½ journée », « 1 jour », « 1,5 jour », « 2 jours ». */
export const frenchDuration = (halfDays: number): string => {
  if (halfDays === 1) return '½ journée';
  const days = halfDays / 2;
  const figure = Number.isInteger(days) ? String(days) : `${Math.floor(days)},5`;
  return `${figure} ${days >= 2 ? 'jours' : 'jour'}`;
};
