import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type ComplaintOutcome, enumValues } from '../../data/graphql';
import { type ActionField, ActionForm } from './ActionForm';
import { type ComplaintView, useComplaintHandlers } from './complaints';
import { complaintsMessages } from './messages';

const OUTCOMES = enumValues<ComplaintOutcome>(complaintsMessages.fr.complaintOutcomes);

function Action({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
    </section>
  );
}

/**
 * The steps a quality manager may take on a complaint in its current state, each with its own form (the same
 * rules the server's decider keeps: acknowledge before analysing, analyse before answering, answer before
 * closing unless withdrawn, no rejection or closing during a mediation, only a closed or rejected one reopened).
 */
export function ComplaintActions({
  complaint,
  onDone,
}: {
  complaint: ComplaintView;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const handlers = useComplaintHandlers(true);
  const { status, mediationInProgress: mediation, erased } = complaint;
  const open = status !== 'closed' && status !== 'rejected';
  const acknowledged = open && status !== 'received';
  const email = complaint.complainantEmail;
  const on: ActionField = { name: 'on', kind: 'date', label: t('complaint.on') };
  const sendByEmail: ActionField[] = email
    ? [{ name: 'sendByEmail', kind: 'checkbox', label: t('complaint.sendByEmail', { email }), initial: true }]
    : [];
  const forms: ReactNode[] = [];
  /** Adds a step's form; `variant` remounts it when its choices change (the outcomes once answered). */
  const add = (key: string, title: string, path: string, fields: ActionField[], done: string, variant = '') =>
    forms.push(
      <Action key={`${key}${variant}`} id={`complaint-${key}`} title={title}>
        <ActionForm
          complaint={complaint}
          id={`complaint-${key}`}
          path={path}
          fields={fields}
          submitLabel={title}
          onDone={() => onDone(done)}
        />
      </Action>,
    );

  if (!erased) {
    if (status === 'received') {
      add(
        'acknowledge',
        t('complaint.acknowledge'),
        'acknowledgement',
        [
          {
            name: 'message',
            kind: 'textarea',
            label: t('complaint.acknowledgeText'),
            maxLength: 5000,
            initial: t('complaint.acknowledgeDefault'),
          },
          on,
          ...sendByEmail,
        ],
        t('complaint.acknowledged'),
      );
    }
    if (status === 'acknowledged' || status === 'under_analysis') {
      add(
        'analyse',
        t('complaint.analyse'),
        'analysis',
        [{ name: 'causes', kind: 'textarea', label: t('complaint.causes'), maxLength: 10_000 }, on],
        t('complaint.analysed'),
      );
    }
    if (status === 'under_analysis') {
      add(
        'answer',
        t('complaint.answerAction'),
        'answer',
        [
          { name: 'answer', kind: 'textarea', label: t('complaint.answerText'), maxLength: 10_000 },
          on,
          ...sendByEmail,
        ],
        t('complaint.answered'),
      );
    }
    if ((status === 'acknowledged' || status === 'under_analysis') && !mediation) {
      add(
        'reject',
        t('complaint.reject'),
        'rejection',
        [
          { name: 'reasons', kind: 'textarea', label: t('complaint.reasons'), maxLength: 10_000 },
          on,
          ...sendByEmail,
        ],
        t('complaint.rejected'),
      );
    }
    if (acknowledged && !mediation) {
      add(
        'mediation-start',
        t('complaint.mediationStart'),
        'mediation/start',
        [
          { name: 'mediator', kind: 'text', label: t('complaint.mediator'), maxLength: 300 },
          { name: 'reason', kind: 'textarea', label: t('complaint.mediationReason'), maxLength: 5000 },
          on,
        ],
        t('complaint.mediationStarted'),
      );
    }
    if (open && mediation) {
      add(
        'mediation-end',
        t('complaint.mediationEnd'),
        'mediation/end',
        [{ name: 'result', kind: 'textarea', label: t('complaint.mediationResult'), maxLength: 5000 }, on],
        t('complaint.mediationEnded'),
      );
    }
  }
  if (open && !mediation) {
    const outcomes = status === 'answered' ? OUTCOMES : (['withdrawn'] as const);
    add(
      'close',
      t('complaint.close'),
      'closure',
      [
        {
          name: 'outcome',
          kind: 'select',
          label: t('complaint.outcomeLabel'),
          options: outcomes.map((outcome) => ({ value: outcome, label: t(`complaintOutcomes.${outcome}`) })),
          initial: outcomes[0],
        },
        ...(erased
          ? []
          : [
              {
                name: 'note',
                kind: 'textarea',
                label: t('complaint.closeNote'),
                maxLength: 5000,
                optional: true,
              } as const,
            ]),
        on,
      ],
      t('complaint.closed'),
      status === 'answered' ? '-answered' : '',
    );
  }
  if (!open && !erased) {
    add(
      'reopen',
      t('complaint.reopen'),
      'reopening',
      [{ name: 'reason', kind: 'textarea', label: t('complaint.reopenReason'), maxLength: 5000 }, on],
      t('complaint.reopened'),
    );
  }
  const others = (handlers.data ?? []).filter((handler) => handler.id !== complaint.ownerId);
  if (open && others.length > 0) {
    add(
      'reassign',
      t('complaint.reassign'),
      'reassignment',
      [
        {
          name: 'ownerId',
          kind: 'select',
          label: t('complaint.newOwner'),
          options: others.map((handler) => ({ value: handler.id, label: handler.displayName })),
        },
      ],
      t('complaint.reassigned'),
    );
  }

  return forms.length > 0 ? forms : <p>{t('complaint.noAction')}</p>;
}

/** "Start an improvement action": the link event the action plan picks up (indicator 32). */
export function ImprovementRequestForm({
  complaint,
  onDone,
}: {
  complaint: ComplaintView;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('complaint.improvementIntro')}</p>
      <ActionForm
        id="complaint-improvement"
        path="improvement-requests"
        complaint={complaint}
        ifMatch={false}
        fields={[{ name: 'title', kind: 'text', label: t('complaint.improvementLabel'), maxLength: 300 }]}
        submitLabel={t('complaint.improvement')}
        onDone={() => onDone(t('complaint.improvementDone'))}
      />
    </>
  );
}
