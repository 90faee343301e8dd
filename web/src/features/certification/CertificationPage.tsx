import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { type CertificationJourneyKind, enumValue, enumValues } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatDate } from '../../format';
import { JourneyChecklist } from './JourneyChecklist';
import {
  type JourneyView,
  type PlanningView,
  useCertificationCommand,
  useCertificationJourney,
} from './journey';
import { certificationMessages } from './messages';
import { CertifierForm, LabelForm, QuoteForm, TurnoverBandForm } from './PlanningForms';

const KINDS = enumValues<CertificationJourneyKind>(certificationMessages.fr.journeyKinds);

const euros = (cents: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(cents / 100);

/**
 * `/certification`: the journey to the certificate as a guided checklist, and the audit's planning (estimated
 * duration and its lines, certifier, quotes, label and reduced audit). Quality managers and administrators keep
 * it; other members read it.
 */
export function CertificationPage() {
  const { t, i18n } = useTranslation();
  const viewer = useViewer();
  const query = useCertificationJourney();
  const [status, setStatus] = useState<string | null>(null);
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const journey = query.data.certificationJourney;
  const planning = query.data.certificationPlanning;
  const role = viewer.data?.role;
  const canManage = role === 'admin' || role === 'quality_manager';

  return (
    <>
      <PageTitle page={t('certification.title')} />
      <h1>{t('certification.title')}</h1>
      <p>{t('certification.intro')}</p>
      {role !== undefined && !canManage && <p>{t('certification.readOnly')}</p>}
      <StatusMessage>{status}</StatusMessage>

      <section aria-labelledby="certification-journey">
        <h2 id="certification-journey">
          {journey
            ? t('certification.journeyOf', {
                kind: t(`journeyKinds.${journey.kind}`),
                date: formatDate(journey.startedOn, i18n.language),
              })
            : t('certification.checklistTitle')}
        </h2>
        {journey ? (
          <JourneyChecklist
            journey={journey}
            revision={planning.revision}
            canManage={canManage}
            onDone={setStatus}
          />
        ) : (
          <p>{t('certification.noJourney')}</p>
        )}
        {journey?.complete && <p>{t('certification.finished')}</p>}
        {canManage && (!journey || journey.complete) && (
          <StartJourneyForm revision={planning.revision} onDone={setStatus} />
        )}
      </section>

      <section aria-labelledby="certification-planning">
        <h2 id="certification-planning">{t('certification.planningTitle')}</h2>
        <DurationPanel planning={planning} canManage={canManage} onDone={setStatus} />
        {journey && (
          <CertifierPanel journey={journey} planning={planning} canManage={canManage} onDone={setStatus} />
        )}
        <ReducedAuditPanel journey={journey} planning={planning} canManage={canManage} onDone={setStatus} />
      </section>
    </>
  );
}

function StartJourneyForm({ revision, onDone }: { revision: number; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string>('initial');
  const { mutation } = useCertificationCommand('/api/certification/journeys', revision);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = enumValue(KINDS, kind);
    if (mutation.isPending || !chosen) return;
    mutation.mutate(
      { journeyId: crypto.randomUUID(), kind: chosen },
      { onSuccess: () => onDone(t('certification.started')) },
    );
  };
  return (
    <form noValidate className="panel" onSubmit={onSubmit} aria-labelledby="certification-start">
      <h3 id="certification-start">{t('certification.startTitle')}</h3>
      <ErrorAlert error={mutation.error} />
      <SelectField
        id="certification-kind"
        label={t('certification.kind')}
        value={kind}
        onChange={(event) => setKind(event.target.value)}
      >
        {KINDS.map((option) => (
          <option key={option} value={option}>
            {t(`journeyKinds.${option}`)}
          </option>
        ))}
      </SelectField>
      <SubmitButton pending={mutation.isPending}>{t('certification.start')}</SubmitButton>
    </form>
  );
}

function DurationPanel({
  planning,
  canManage,
  onDone,
}: {
  planning: PlanningView;
  canManage: boolean;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const categories =
    planning.categories.length > 0
      ? planning.categories.map((category) => t(`categories.${category}`)).join(', ')
      : t('certification.noCategory');
  return (
    <section aria-labelledby="certification-duration">
      <h3 id="certification-duration">{t('certification.turnoverTitle')}</h3>
      <p>
        {t('certification.profileFacts', {
          categories,
          sites: planning.sites,
          newEntrant: planning.newEntrant ? t('certification.newEntrant') : t('certification.notNewEntrant'),
        })}
      </p>
      {planning.missing.includes('turnover_band') && <p>{t('certification.missingBand')}</p>}
      {planning.missing.includes('categories') && <p>{t('certification.missingCategories')}</p>}
      {planning.estimate && (
        <div data-testid="certification-estimate">
          <p>
            <strong>{t('certification.estimate', { duration: planning.estimate.text })}</strong>
          </p>
          <ul>
            {planning.estimate.lines.map((line) => (
              <li key={line.label}>
                {line.label} : {t('certification.halfDays', { count: line.halfDays })}
              </li>
            ))}
          </ul>
          {planning.surveillance && (
            <p>{t('certification.surveillanceEstimate', { duration: planning.surveillance.text })}</p>
          )}
          <p className="hint">{t('certification.source', { source: planning.estimate.source })}</p>
        </div>
      )}
      {canManage && (
        <TurnoverBandForm
          key={planning.turnoverBand ?? 'none'}
          band={planning.turnoverBand}
          revision={planning.revision}
          onDone={onDone}
        />
      )}
    </section>
  );
}

function CertifierPanel({
  journey,
  planning,
  canManage,
  onDone,
}: {
  journey: JourneyView;
  planning: PlanningView;
  canManage: boolean;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <section aria-labelledby="certification-certifier">
        <h3 id="certification-certifier">{t('certification.certifierTitle')}</h3>
        {journey.certifier ? (
          <p>
            {t('certification.certifierChosen', {
              name: journey.certifier.name,
              date: formatDate(journey.certifier.chosenOn, i18n.language),
            })}
            {journey.certifier.accreditationRef && (
              <> — {t('certification.accreditation', { ref: journey.certifier.accreditationRef })}</>
            )}
          </p>
        ) : (
          <p>{t('certification.noCertifier')}</p>
        )}
        {canManage && <CertifierForm journeyId={journey.id} revision={planning.revision} onDone={onDone} />}
      </section>
      <section aria-labelledby="certification-quotes">
        <h3 id="certification-quotes">{t('certification.quotesTitle')}</h3>
        {journey.quotes.length === 0 ? (
          <p>{t('certification.noQuotes')}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('certification.quoteCertifier')}</th>
                  <th scope="col">{t('certification.quoteInitial')}</th>
                  <th scope="col">{t('certification.quoteYearly')}</th>
                  <th scope="col">{t('certification.quoteReceived')}</th>
                </tr>
              </thead>
              <tbody>
                {journey.quotes.map((quote) => (
                  <tr key={quote.id}>
                    <th scope="row">{quote.certifier}</th>
                    <td>{euros(quote.initialAuditCents, i18n.language)}</td>
                    <td>{euros(quote.yearlyFollowUpCents, i18n.language)}</td>
                    <td>{formatDate(quote.receivedOn, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canManage && <QuoteForm journeyId={journey.id} revision={planning.revision} onDone={onDone} />}
      </section>
    </>
  );
}

function ReducedAuditPanel({
  journey,
  planning,
  canManage,
  onDone,
}: {
  journey: JourneyView | null;
  planning: PlanningView;
  canManage: boolean;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const reduced = planning.reducedAudit;
  const { mutation } = useCertificationCommand(
    `/api/certification/journeys/${journey?.id ?? ''}/reduced-audit`,
    planning.revision,
  );
  return (
    <section aria-labelledby="certification-reduced">
      <h3 id="certification-reduced">{t('certification.reducedTitle')}</h3>
      <p>{t('certification.reducedIndicators', { indicators: reduced.indicators.join(', ') })}</p>
      <h4>{t('certification.labelTitle')}</h4>
      <p>
        {planning.label
          ? t('certification.labelHeld', {
              name: planning.label.name,
              date: formatDate(planning.label.heldSince, i18n.language),
            })
          : t('certification.noLabel')}
      </p>
      {canManage && (
        <LabelForm
          key={planning.label ? `${planning.label.name}-${planning.label.heldSince}` : 'none'}
          label={planning.label}
          revision={planning.revision}
          onDone={onDone}
        />
      )}
      <p>{reduced.eligible ? t('certification.reducedEligible') : t('certification.reducedNotEligible')}</p>
      <ul>
        {reduced.conditions.map((condition) => (
          <li key={condition.code}>
            {condition.label} —{' '}
            {condition.met ? t('certification.conditionMet') : t('certification.conditionUnmet')}
          </li>
        ))}
      </ul>
      {reduced.chosen && <p>{t('certification.reducedChosen')}</p>}
      <ErrorAlert error={mutation.error} />
      {canManage && journey && (reduced.eligible || reduced.chosen) && (
        <button
          type="button"
          className="button"
          aria-disabled={mutation.isPending || undefined}
          onClick={() =>
            mutation.mutate(
              { reduced: !reduced.chosen },
              { onSuccess: () => onDone(t('certification.reducedSaved')) },
            )
          }
        >
          {reduced.chosen ? t('certification.dropReduced') : t('certification.chooseReduced')}
        </button>
      )}
    </section>
  );
}
