import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { enumValues, type MockAuditFindingGrade } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatDate } from '../../format';
import { isStorableText } from '../../validation';
import { mockAuditMessages } from './messages';
import { type FindingView, type MockAuditView, useMockAudit, type WalkedIndicatorView } from './mockAudits';

const GRADES = enumValues<MockAuditFindingGrade>(mockAuditMessages.fr.findingGrades);

/** Sends one command of this mock audit; on success reloads the reads and says what was done. */
function useMockAuditCommand(onStatus: (status: string | null) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: object; done: string }) =>
      command<{ id: string }>(path, body ?? {}),
    onSuccess: (_answer, { done }) => {
      onStatus(done);
      void queryClient.invalidateQueries();
    },
    onError: (error) => {
      onStatus(null);
      if (isApiError(error) && error.code === 'mock_audit_completed') void queryClient.invalidateQueries();
    },
  });
}

function FindingItem({
  audit,
  finding,
  canRun,
  onStatus,
}: {
  audit: MockAuditView;
  finding: FindingView;
  canRun: boolean;
  onStatus: (status: string | null) => void;
}) {
  const { t } = useTranslation();
  const send = useMockAuditCommand(onStatus);
  const base = `/api/mock-audits/${audit.id}/findings/${finding.id}`;
  return (
    <li className="card" data-testid="mock-audit-finding">
      <p className="card-meta">
        <span className={`badge${finding.grade === 'major' ? ' badge-danger' : ''}`}>
          {t(`findingGrades.${finding.grade}`)}
        </span>{' '}
        {finding.withdrawn && <span className="badge">{t('mockAudit.withdrawn')}</span>}
      </p>
      <p className="complaint-said">{finding.erased ? t('mockAudit.erased') : finding.text}</p>
      <ErrorAlert error={send.error} />
      <p className="button-row">
        {finding.actionId ? (
          <Link to={`/improvement-actions/${finding.actionId}`}>{t('mockAudit.seeAction')}</Link>
        ) : (
          canRun &&
          !finding.withdrawn && (
            <button
              type="button"
              className="button button-primary"
              aria-disabled={send.isPending || undefined}
              onClick={() => {
                if (!send.isPending)
                  send.mutate({ path: `${base}/action`, done: t('mockAudit.actionCreated') });
              }}
            >
              {t('mockAudit.createAction')}
            </button>
          )
        )}{' '}
        {canRun && audit.status === 'in_progress' && !finding.withdrawn && (
          <button
            type="button"
            className="button"
            aria-disabled={send.isPending || undefined}
            onClick={() => {
              if (!send.isPending)
                send.mutate({ path: `${base}/withdraw`, done: t('mockAudit.withdrawnDone') });
            }}
          >
            {t('mockAudit.withdraw')}
          </button>
        )}
      </p>
    </li>
  );
}

function FindingForm({
  audit,
  indicator,
  onStatus,
}: {
  audit: MockAuditView;
  indicator: WalkedIndicatorView;
  onStatus: (status: string | null) => void;
}) {
  const { t } = useTranslation();
  const id = `finding-${indicator.number}`;
  // On a major-only indicator a minor is not offered: the server refuses it as the certifier would.
  const grades = GRADES.filter((grade) => !(indicator.majorOnly && grade === 'minor'));
  const initialGrade: MockAuditFindingGrade = indicator.majorOnly ? 'major' : 'minor';
  const [grade, setGrade] = useState<MockAuditFindingGrade>(initialGrade);
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | undefined>();
  const send = useMockAuditCommand(onStatus);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending) return;
    const error = !text.trim()
      ? t('mockAudit.textRequired')
      : !isStorableText(text)
        ? t('validation.invalidCharacters')
        : undefined;
    setTextError(error);
    if (error) {
      document.getElementById(`${id}-text`)?.focus();
      return;
    }
    send.mutate(
      {
        path: `/api/mock-audits/${audit.id}/findings`,
        body: { indicator: indicator.number, grade, text },
        done: t('mockAudit.recorded'),
      },
      {
        onSuccess: () => {
          setText('');
          setGrade(initialGrade);
        },
      },
    );
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('mockAudit.newFinding')}</h4>
      <ErrorAlert error={send.error} />
      <SelectField
        id={`${id}-grade`}
        label={t('mockAudit.grade')}
        hint={indicator.majorOnly ? t('mockAudit.gradeMajorOnlyHint') : undefined}
        value={grade}
        onChange={(event) => setGrade(grades.find((one) => one === event.target.value) ?? initialGrade)}
      >
        {grades.map((one) => (
          <option key={one} value={one}>
            {t(`findingGrades.${one}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={`${id}-text`}
        label={t('mockAudit.text')}
        required
        error={textError}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <SubmitButton id={`${id}-submit`} pending={send.isPending}>
        {t('mockAudit.record')}
      </SubmitButton>
    </form>
  );
}

/** One checkpoint: ticked at once on screen, put back if the server refuses. */
function CheckpointBox({
  id,
  label,
  ticked,
  disabled,
  onToggle,
}: {
  id: string;
  label: string;
  ticked: boolean;
  disabled: boolean;
  onToggle: (ticked: boolean, undo: () => void) => void;
}) {
  const [checked, setChecked] = useState(ticked);
  useEffect(() => setChecked(ticked), [ticked]);
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => {
          const next = event.target.checked;
          setChecked(next);
          onToggle(next, () => setChecked(!next));
        }}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

function IndicatorSection({
  audit,
  indicator,
  canRun,
  onStatus,
}: {
  audit: MockAuditView;
  indicator: WalkedIndicatorView;
  canRun: boolean;
  onStatus: (status: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const tick = useMockAuditCommand(onStatus);
  const open = audit.status === 'in_progress' && canRun;
  const ticked = indicator.checkpoints.filter((point) => point.ticked).length;
  const standing = indicator.findings.filter((finding) => !finding.withdrawn).length;
  const headingId = `indicator-${indicator.number}`;
  return (
    <li>
      <details
        className="panel mock-audit-indicator"
        data-testid={`mock-audit-indicator-${indicator.number}`}
      >
        <summary>
          <h3 id={headingId}>{t('mockAudit.indicator', { number: indicator.number })}</h3>{' '}
          {indicator.majorOnly && <span className="badge badge-warning">{t('mockAudit.majorOnly')}</span>}{' '}
          <span>
            {t('mockAudit.progress', { ticked, total: indicator.checkpoints.length })} ·{' '}
            {t('mockAudit.findingCount', { count: standing })}
          </span>
        </summary>
        <p lang="fr">{indicator.title}</p>
        <fieldset>
          <legend>{t('mockAudit.checkpoints')}</legend>
          <ErrorAlert error={tick.error} />
          {indicator.checkpoints.map((point) => (
            <CheckpointBox
              key={point.code}
              id={`${headingId}-${point.code}`}
              label={i18n.language.startsWith('en') ? point.labelEn : point.label}
              ticked={point.ticked}
              disabled={!open}
              onToggle={(ticked, undo) =>
                tick.mutate(
                  {
                    path: `/api/mock-audits/${audit.id}/checkpoints`,
                    body: { indicator: indicator.number, checkpoint: point.code, ticked },
                    done: '',
                  },
                  { onError: undo },
                )
              }
            />
          ))}
        </fieldset>
        <h4>{t('mockAudit.findingsTitle')}</h4>
        {indicator.findings.length === 0 ? (
          <p>{t('mockAudit.noFinding')}</p>
        ) : (
          <ul className="card-list">
            {indicator.findings.map((finding) => (
              <FindingItem
                key={finding.id}
                audit={audit}
                finding={finding}
                canRun={canRun}
                onStatus={onStatus}
              />
            ))}
          </ul>
        )}
        {open && <FindingForm audit={audit} indicator={indicator} onStatus={onStatus} />}
      </details>
    </li>
  );
}

/** `/mock-audits/:id`: the indicators walked in the auditor's order, their checkpoints and findings. */
export function MockAuditPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const audit = useMockAudit(id);
  const viewer = useViewer();
  const [status, setStatus] = useState<string | null>(null);
  const complete = useMockAuditCommand(setStatus);
  const canRun = viewer.data ? ['admin', 'quality_manager'].includes(viewer.data.role) : false;
  const data = audit.data;
  const date = (day: string) => formatDate(day, i18n.language);
  const title = data ? t('mockAudit.title', { date: date(data.startedOn) }) : t('mockAudits.title');

  return (
    <>
      <PageTitle page={title} />
      <p>
        <Link to="/mock-audits">{t('mockAudit.back')}</Link>
      </p>
      <h1>{title}</h1>
      <StatusMessage>{status}</StatusMessage>
      {audit.isPending && <Loading />}
      {audit.isError && <QueryError error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.isSuccess && !data && <p>{t('mockAudit.notFound')}</p>}
      {data && (
        <>
          <dl className="panel">
            <dt>{t('mockAudit.status')}</dt>
            <dd data-testid="mock-audit-status">
              {t(`mockAuditStatuses.${data.status}`)}
              {data.completedOn && ` — ${t('mockAudit.completedOn', { date: date(data.completedOn) })}`}
            </dd>
            <dt>{t('mockAudit.findingsTitle')}</dt>
            <dd data-testid="mock-audit-counts">
              {t('mockAudits.counts', {
                majors: data.majors,
                minors: data.minors,
                observations: data.observations,
              })}
            </dd>
          </dl>
          <section aria-labelledby="mock-audit-walk">
            <h2 id="mock-audit-walk">{t('mockAudit.walkTitle')}</h2>
            <ol className="plain-list">
              {data.indicators.map((indicator) => (
                <IndicatorSection
                  key={indicator.number}
                  audit={data}
                  indicator={indicator}
                  canRun={canRun}
                  onStatus={setStatus}
                />
              ))}
            </ol>
          </section>
          {canRun && data.status === 'in_progress' && (
            <section className="panel" aria-labelledby="mock-audit-complete">
              <h2 id="mock-audit-complete">{t('mockAudit.complete')}</h2>
              <p>{t('mockAudit.completeHint')}</p>
              <ErrorAlert error={complete.error} />
              <button
                type="button"
                className="button button-primary"
                aria-disabled={complete.isPending || undefined}
                onClick={() => {
                  if (!complete.isPending) {
                    complete.mutate({
                      path: `/api/mock-audits/${data.id}/complete`,
                      done: t('mockAudit.completed'),
                    });
                  }
                }}
              >
                {t('mockAudit.complete')}
              </button>
            </section>
          )}
        </>
      )}
    </>
  );
}
