/** What an organisation is preparing: its first certification, or the renewal of its certificate. */
export const JOURNEY_KINDS = ['initial', 'renewal'] as const;
export type JourneyKind = (typeof JOURNEY_KINDS)[number];

/** A quality certification or label the organisation holds (ICPF, a label recognised by France compétences…). */
export interface QualityLabel {
  name: string;
  /** Paris day it was first obtained, YYYY-MM-DD. */
  heldSince: string;
}

/**
 * The reduced ("light") initial audit, as data. The article: an organisation already holding a certification or
 * label has an arranged audit on indicators 1, 2, 11, 12, 22, 24, 25, 26, 32 and the specific ones that apply to
 * it. DOMAIN.md: only for organisations holding a recognised label at the end of 2018, and only the initial audit
 * (it is not the new-entrant rule).
 */
export const REDUCED_AUDIT = {
  source:
    'Article « All you need to know about the certification required to continue your activity as a training organization » (audit allégé) ; notes de domaine (label détenu fin 2018)',
  commonIndicators: [1, 2, 11, 12, 22, 24, 25, 26, 32],
  /** The label must be held on this day at the latest. */
  labelHeldBy: '2018-12-31',
  journeyKinds: ['initial'] as readonly JourneyKind[],
} as const;

export interface EligibilityCondition {
  code: 'initial_audit' | 'recognised_label' | 'label_held_end_2018';
  /** The condition in French, as the planning page lists it. */
  label: string;
  met: boolean;
}

export interface ReducedAuditEligibility {
  eligible: boolean;
  conditions: EligibilityCondition[];
}

/** Whether the organisation may choose the reduced audit, and each condition with whether it is met. */
export const reducedAuditEligibility = (input: {
  journeyKind: JourneyKind | null;
  label: QualityLabel | null;
}): ReducedAuditEligibility => {
  const conditions: EligibilityCondition[] = [
    {
      code: 'initial_audit',
      label: 'Il s’agit d’un audit initial (pas d’un renouvellement)',
      met: input.journeyKind !== null && REDUCED_AUDIT.journeyKinds.includes(input.journeyKind),
    },
    {
      code: 'recognised_label',
      label: 'L’organisme détient une certification ou un label qualité reconnu',
      met: input.label !== null,
    },
    {
      code: 'label_held_end_2018',
      label: 'Ce label était détenu au 31 décembre 2018',
      met: input.label !== null && input.label.heldSince <= REDUCED_AUDIT.labelHeldBy,
    },
  ];
  return { eligible: conditions.every((condition) => condition.met), conditions };
};
