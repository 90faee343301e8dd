import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, parisToday } from '../../format';
import type { JourneyView } from './journey';
import { useCertificationCommand } from './journey';

type StepView = JourneyView['steps'][number];

/** The journey's steps as a guided checklist: each with its state and day; managers mark them from here. */
export function JourneyChecklist({
  journey,
  revision,
  canManage,
  onDone,
}: {
  journey: JourneyView;
  revision: number;
  canManage: boolean;
  onDone?: (message: string) => void;
}) {
  const { t } = useTranslation();
  const done = journey.steps.filter((step) => step.state !== 'todo').length;
  return (
    <>
      <p>
        {journey.complete
          ? t('certification.complete')
          : t('certification.progress', { done, total: journey.steps.length })}
      </p>
      <ol className="checklist" data-testid="certification-checklist">
        {journey.steps.map((step) => (
          <StepItem
            key={step.step}
            journeyId={journey.id}
            step={step}
            revision={revision}
            canManage={canManage}
            onDone={onDone}
          />
        ))}
      </ol>
    </>
  );
}

function StepItem({
  journeyId,
  step,
  revision,
  canManage,
  onDone,
}: {
  journeyId: string;
  step: StepView;
  revision: number;
  canManage: boolean;
  onDone?: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const today = parisToday();
  const [on, setOn] = useState(step.on ?? today);
  const { mutation, stale } = useCertificationCommand(
    `/api/certification/journeys/${journeyId}/steps`,
    revision,
  );
  const name = t(`journeySteps.${step.step}`);
  const send = (state: 'done' | 'skipped' | 'todo', day: string | null) =>
    mutation.mutate(
      { step: step.step, state, on: day },
      { onSuccess: () => onDone?.(t('certification.stepSaved')) },
    );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!mutation.isPending) send('done', on);
  };
  const status =
    step.state === 'done'
      ? t('certification.doneOn', { date: formatDate(step.on ?? '', i18n.language) })
      : step.state === 'observed'
        ? t('certification.observedOn', { date: formatDate(step.on ?? '', i18n.language) })
        : step.state === 'skipped'
          ? t('certification.skipped')
          : t('certification.todo');
  const dateId = `step-${step.step}-on`;

  return (
    <li className={`checklist-item checklist-${step.state}`}>
      <span aria-hidden="true">{step.state === 'todo' ? '☐' : '☑'} </span>
      <strong>{name}</strong>
      {step.optional && <> ({t('certification.optional')})</>} — <span>{status}</span>
      {step.state === 'observed' && <span className="hint"> ({t('certification.observedHint')})</span>}
      {canManage && (
        <div className="checklist-actions">
          {stale && <p role="alert">{t('certification.stale')}</p>}
          <ErrorAlert error={mutation.error} />
          {step.state === 'todo' || step.state === 'observed' ? (
            <form noValidate className="inline-form" onSubmit={onSubmit}>
              <label htmlFor={dateId} className="visually-hidden">
                {t('certification.stepDate', { step: name })}
              </label>
              <input
                id={dateId}
                type="date"
                max={today}
                value={on}
                onChange={(event) => setOn(event.target.value)}
              />
              <button type="submit" className="button" aria-disabled={mutation.isPending || undefined}>
                {step.state === 'observed'
                  ? t('certification.confirm', { step: name })
                  : t('certification.markDone', { step: name })}
              </button>
              {step.optional && (
                <button type="button" className="button" onClick={() => send('skipped', null)}>
                  {t('certification.skip', { step: name })}
                </button>
              )}
            </form>
          ) : (
            <button type="button" className="button" onClick={() => send('todo', null)}>
              {t('certification.undo', { step: name })}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
