import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ActionStatus } from '../actions/decider';
import type { EffectivenessOutcome } from '../actions/events';
import { frenchLongDate, frenchLongDateTime, frenchSiret } from '../binder/french';
import { findIndicator } from '../referential';
import { NC_DEADLINE_MONTHS, type NcGrade } from './cycle';
import { AUDIT_KIND_LABELS, type AuditKind, NC_GRADE_LABELS } from './events';

/** What the action plan for the certifier is drawn from: one audit, its non-conformities and their actions. */
export interface ActionPlanSource {
  organisation: { name: string; siret: string | null; nda: string | null; certificateNumber: string | null };
  audit: {
    kind: AuditKind;
    certifierName: string;
    heldFrom: string | null;
    heldTo: string | null;
    plannedFrom: string;
    plannedTo: string;
  };
  /** The next audit planned after this one, if any: a minor's plan is checked there. */
  nextAuditFrom: string | null;
  nonConformities: readonly {
    indicator: number;
    referentialVersion: string;
    grade: NcGrade;
    initialGrade: NcGrade;
    finding: string;
    notifiedOn: string;
    deadline: string;
    requalifiedOn: string | null;
    actionPlan: string | null;
    open: boolean;
    closedOn: string | null;
    evidence: string | null;
    actions: readonly {
      title: string;
      status: ActionStatus;
      dueOn: string | null;
      doneOn: string | null;
      effectiveness: EffectivenessOutcome | null;
    }[];
  }[];
  /** When the document is drawn (an instant). */
  drawnAt: string;
}

const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  planned: 'planifiée',
  in_progress: 'en cours',
  done: 'réalisée, efficacité à vérifier',
  closed: 'clôturée',
  cancelled: 'annulée',
};

const EFFECTIVENESS_LABELS: Record<EffectivenessOutcome, string> = {
  effective: 'efficace',
  not_effective: 'non efficace',
};

/** What the rules ask of each grade (DOMAIN.md): said once in the document, then applied to every row. */
export const GRADE_RULES: Record<NcGrade, string> = {
  major: `actions correctives efficaces dans les ${NC_DEADLINE_MONTHS.major} mois suivant la notification, vérifiées par le certificateur (audit complémentaire ou pièces)`,
  minor: `plan d’actions transmis au certificateur, mis en œuvre dans les ${NC_DEADLINE_MONTHS.minor} mois suivant la notification, vérifié à l’audit suivant ; une mineure non levée à l’audit suivant devient majeure`,
};

const auditDays = (audit: ActionPlanSource['audit']) => {
  const from = audit.heldFrom ?? audit.plannedFrom;
  const to = audit.heldTo ?? audit.plannedTo;
  return from === to ? `le ${frenchLongDate(from)}` : `du ${frenchLongDate(from)} au ${frenchLongDate(to)}`;
};

/** The deadline as the rule reads for this non-conformity. */
export const deadlineText = (
  nc: Pick<ActionPlanSource['nonConformities'][number], 'grade' | 'deadline'>,
  nextAuditFrom: string | null,
): string =>
  nc.grade === 'major'
    ? `${frenchLongDate(nc.deadline)} (actions efficaces, 3 mois)`
    : `mise en œuvre au plus tard le ${frenchLongDate(nc.deadline)}, vérifiée à l’audit suivant${
        nextAuditFrom ? ` (prévu le ${frenchLongDate(nextAuditFrom)})` : ''
      }`;

const gradeText = (nc: ActionPlanSource['nonConformities'][number]) =>
  nc.grade === nc.initialGrade
    ? NC_GRADE_LABELS[nc.grade]
    : `${NC_GRADE_LABELS[nc.grade]} (requalifiée${nc.requalifiedOn ? ` le ${frenchLongDate(nc.requalifiedOn)}` : ''}, ${NC_GRADE_LABELS[nc.initialGrade]} à la notification)`;

const stateText = (nc: ActionPlanSource['nonConformities'][number]) =>
  nc.open ? 'ouverte' : `levée${nc.closedOn ? ` le ${frenchLongDate(nc.closedOn)}` : ''}`;

const wordingOf = (indicator: number, version: string) => findIndicator(indicator, version)?.title ?? '';

const actionLine = (action: ActionPlanSource['nonConformities'][number]['actions'][number]): string => {
  const parts = [ACTION_STATUS_LABELS[action.status]];
  if (action.dueOn) parts.push(`échéance ${frenchLongDate(action.dueOn)}`);
  if (action.doneOn) parts.push(`réalisée le ${frenchLongDate(action.doneOn)}`);
  if (action.effectiveness) parts.push(EFFECTIVENESS_LABELS[action.effectiveness]);
  return `${action.title} — ${parts.join(', ')}`;
};

const header = (text: string): TableCell => ({ text, bold: true, fontSize: 8.5 });

const summaryTable = (source: ActionPlanSource): Content => ({
  table: {
    headerRows: 1,
    widths: [18, 42, 60, 80, '*', 45],
    body: [
      [
        header('N°'),
        header('Indicateur'),
        header('Gravité'),
        header('Notifiée le'),
        header('Échéance'),
        header('État'),
      ],
      ...source.nonConformities.map((nc, index): TableCell[] => [
        String(index + 1),
        String(nc.indicator),
        NC_GRADE_LABELS[nc.grade],
        frenchLongDate(nc.notifiedOn),
        deadlineText(nc, source.nextAuditFrom),
        stateText(nc),
      ]),
    ],
  },
  layout: 'lightHorizontalLines',
  fontSize: 8.5,
  margin: [0, 4, 0, 12],
});

const label = (name: string, value: string): Content => ({
  text: [{ text: `${name} : `, bold: true }, value],
  margin: [0, 0, 0, 4],
});

const ncSection = (source: ActionPlanSource, index: number): Content[] => {
  const nc = source.nonConformities[index]!;
  const wording = wordingOf(nc.indicator, nc.referentialVersion);
  return [
    {
      text: `${index + 1}. Indicateur ${nc.indicator} — non-conformité ${NC_GRADE_LABELS[nc.grade]}`,
      style: 'ncHeading',
      headlineLevel: 1,
    },
    ...(wording ? [{ text: wording, style: 'wording' } as Content] : []),
    label('Constat', nc.finding),
    label('Gravité', gradeText(nc)),
    label('Notifiée le', frenchLongDate(nc.notifiedOn)),
    label('Échéance', deadlineText(nc, source.nextAuditFrom)),
    label('Plan d’actions', nc.actionPlan ?? 'à rédiger'),
    { text: 'Actions correctives', bold: true, margin: [0, 2, 0, 2] },
    nc.actions.length > 0
      ? { ul: nc.actions.map(actionLine), margin: [0, 0, 0, 4] }
      : { text: 'Aucune action corrective enregistrée.', italics: true, margin: [0, 0, 0, 4] },
    label('État', stateText(nc)),
    ...(nc.evidence && !nc.open ? [label('Preuve de levée', nc.evidence)] : []),
  ];
};

/**
 * The action plan sent to the certifier after an audit, in French: the organisation and the audit, the rules each
 * grade follows, a summary table, then per non-conformity its finding, grade, deadline, plan and corrective actions.
 * The same source gives the same bytes (its dates are the source's).
 */
export const actionPlanDocument = (source: ActionPlanSource): TDocumentDefinitions => {
  const { organisation, audit } = source;
  const drawn = new Date(source.drawnAt);
  const identity = [
    organisation.siret ? `SIRET ${frenchSiret(organisation.siret)}` : null,
    organisation.nda ? `NDA ${organisation.nda}` : null,
    organisation.certificateNumber ? `certificat n° ${organisation.certificateNumber}` : null,
  ].filter((part): part is string => part !== null);
  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 45],
    language: 'fr-FR',
    info: {
      title: `Plan d’actions — ${organisation.name}`,
      author: organisation.name,
      subject: `Non-conformités de l’${AUDIT_KIND_LABELS[audit.kind]} ${auditDays(audit)}`,
      creator: 'Plan d’actions Qualiopi',
      producer: 'pdfmake',
      creationDate: drawn,
      modDate: drawn,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 20, bold: true, color: '#1d3557', margin: [0, 0, 0, 6] },
      subtitle: { fontSize: 12, margin: [0, 0, 0, 4] },
      heading: { fontSize: 13, bold: true, color: '#1d3557', margin: [0, 12, 0, 6] },
      ncHeading: { fontSize: 11.5, bold: true, margin: [0, 12, 0, 3] },
      wording: { italics: true, color: '#333333', margin: [0, 0, 0, 6] },
      note: { fontSize: 8.5, color: '#444444', margin: [0, 2, 0, 4] },
    },
    footer: (currentPage, pageCount) => ({
      text: `${organisation.name} — plan d’actions — page ${currentPage} / ${pageCount}`,
      alignment: 'right',
      fontSize: 7.5,
      color: '#555555',
      margin: [40, 15, 40, 0],
    }),
    content: [
      { text: 'Plan d’actions — non-conformités', style: 'title' },
      { text: organisation.name, style: 'subtitle', bold: true },
      ...(identity.length > 0 ? [{ text: identity.join(' · '), style: 'note' } as Content] : []),
      {
        text: `${AUDIT_KIND_LABELS[audit.kind].replace(/^./, (first) => first.toUpperCase())} ${auditDays(audit)}, par ${audit.certifierName}`,
        style: 'subtitle',
      },
      {
        text: `Établi le ${frenchLongDateTime(source.drawnAt)}.`,
        style: 'note',
      },
      { text: 'Règles de traitement', style: 'heading' },
      {
        ul: [
          `Non-conformité majeure : ${GRADE_RULES.major}.`,
          `Non-conformité mineure : ${GRADE_RULES.minor}.`,
        ],
      },
      { text: 'Synthèse', style: 'heading' },
      summaryTable(source),
      { text: 'Détail par non-conformité', style: 'heading' },
      ...source.nonConformities.flatMap((_, index) => ncSection(source, index)),
    ],
  };
};
