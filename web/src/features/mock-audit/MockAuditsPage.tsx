import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useViewer } from '../../data/viewer';
import { formatDate } from '../../format';
import { useMockAudits } from './mockAudits';

/** "30, 31 32" → [30, 31, 32]; null when something else was typed; [] when empty (every applicable one). */
const parseScope = (text: string): number[] | null => {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.every((part) => /^\d{1,2}$/.test(part))) return null;
  return [...new Set(parts.map(Number))];
};

function StartForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState('');
  const [scopeError, setScopeError] = useState<string | undefined>();
  const start = useMutation({
    mutationFn: (indicators: number[]) =>
      command<{ id: string }>('/api/mock-audits', indicators.length > 0 ? { indicators } : {}),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries();
      void navigate(`/mock-audits/${answer.id}`);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (start.isPending) return;
    const indicators = parseScope(scope);
    if (!indicators) {
      setScopeError(t('mockAudits.scopeInvalid'));
      document.getElementById('mock-audit-scope')?.focus();
      return;
    }
    setScopeError(undefined);
    start.mutate(indicators);
  };

  return (
    <form className="form panel" noValidate onSubmit={onSubmit} aria-labelledby="mock-audit-start">
      <h2 id="mock-audit-start">{t('mockAudits.start')}</h2>
      <ErrorAlert error={start.error} />
      <TextField
        id="mock-audit-scope"
        label={t('mockAudits.scope')}
        hint={t('mockAudits.scopeHint')}
        error={scopeError}
        inputMode="numeric"
        value={scope}
        onChange={(event) => setScope(event.target.value)}
      />
      <SubmitButton id="mock-audit-start-submit" pending={start.isPending}>
        {t('mockAudits.start')}
      </SubmitButton>
    </form>
  );
}

/** `/mock-audits`: the organisation's mock audits, and starting one. */
export function MockAuditsPage() {
  const { t, i18n } = useTranslation();
  const audits = useMockAudits();
  const viewer = useViewer();
  const canRun = viewer.data ? ['admin', 'quality_manager'].includes(viewer.data.role) : false;

  return (
    <>
      <PageTitle page={t('mockAudits.title')} />
      <h1>{t('mockAudits.title')}</h1>
      <p>{t('mockAudits.intro')}</p>
      {canRun ? <StartForm /> : viewer.data && <p>{t('mockAudits.readOnly')}</p>}
      <section aria-labelledby="mock-audits-list">
        <h2 id="mock-audits-list">{t('mockAudits.listTitle')}</h2>
        {audits.isPending && <Loading />}
        {audits.isError && <QueryError error={audits.error} onRetry={() => void audits.refetch()} />}
        {audits.data?.length === 0 && <p>{t('mockAudits.empty')}</p>}
        {audits.data && audits.data.length > 0 && (
          <ul className="card-list">
            {audits.data.map((audit) => (
              <li key={audit.id} className="card">
                <p className="card-title">
                  <Link to={`/mock-audits/${audit.id}`}>
                    {t('mockAudit.title', { date: formatDate(audit.startedOn, i18n.language) })}
                  </Link>
                </p>
                <p className="card-meta">
                  <span className="badge">{t(`mockAuditStatuses.${audit.status}`)}</span>{' '}
                  {t('mockAudits.indicatorsCount', { count: audit.scope.length })} ·{' '}
                  {t('mockAudits.counts', {
                    majors: audit.majors,
                    minors: audit.minors,
                    observations: audit.observations,
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
