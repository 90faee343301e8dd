import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useViewer } from '../../data/viewer';
import { formatDate } from '../../format';
import { MeetingForm } from './MeetingForm';
import { useDisabilityNetwork } from './network';
import { PartnerCard } from './PartnerCard';
import { PartnerForm } from './PartnerForm';
import { ReferentForm } from './ReferentForm';

/**
 * `/disability-network`: the network of indicator 26. Quality managers and administrators keep it (partners,
 * referent, meetings); other members read it.
 */
export function DisabilityNetworkPage() {
  const { t, i18n } = useTranslation();
  const viewer = useViewer();
  const network = useDisabilityNetwork();
  const [status, setStatus] = useState<string | null>(null);
  if (network.isPending) return <Loading />;
  if (network.isError) return <QueryError error={network.error} onRetry={() => void network.refetch()} />;
  const { partners, referent, meetings, revision } = network.data;
  const role = viewer.data?.role;
  const canManage = role === 'admin' || role === 'quality_manager';
  const referentName = referent?.memberName ?? referent?.name;

  return (
    <>
      <PageTitle page={t('disabilityNetwork.title')} />
      <h1>{t('disabilityNetwork.title')}</h1>
      <p>{t('disabilityNetwork.intro')}</p>
      {role !== undefined && !canManage && <p>{t('disabilityNetwork.readOnly')}</p>}
      <StatusMessage>{status}</StatusMessage>

      <section aria-labelledby="network-partners">
        <h2 id="network-partners">{t('disabilityNetwork.partnersTitle')}</h2>
        {partners.length === 0 ? (
          <p>{t('disabilityNetwork.noPartners')}</p>
        ) : (
          <ul className="card-list">
            {partners.map((partner) => (
              <PartnerCard
                key={partner.id}
                partner={partner}
                revision={revision}
                canManage={canManage}
                onDone={setStatus}
              />
            ))}
          </ul>
        )}
        {canManage && (
          <section aria-labelledby="network-new-partner">
            <h3 id="network-new-partner">{t('disabilityNetwork.newPartnerTitle')}</h3>
            <PartnerForm revision={revision} onDone={setStatus} />
          </section>
        )}
      </section>

      <section aria-labelledby="network-referent">
        <h2 id="network-referent">{t('disabilityNetwork.referentTitle')}</h2>
        {referent ? (
          <>
            {referentName && <p>{referentName}</p>}
            <h3>{t('disabilityNetwork.trainingsTitle')}</h3>
            {referent.trainings.length === 0 ? (
              <p>{t('disabilityNetwork.noTrainings')}</p>
            ) : (
              <ul>
                {referent.trainings.map((training, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: trainings have no identity but their place
                  <li key={index}>
                    {training.title} — {training.provider} — {formatDate(training.on, i18n.language)}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p>{t('disabilityNetwork.noReferent')}</p>
        )}
        {canManage && <ReferentForm network={network.data} onDone={setStatus} />}
      </section>

      <section aria-labelledby="network-meetings">
        <h2 id="network-meetings">{t('disabilityNetwork.meetingsTitle')}</h2>
        {meetings.length === 0 ? (
          <p>{t('disabilityNetwork.noMeetings')}</p>
        ) : (
          <ul className="card-list">
            {meetings.map((meeting) => (
              <li key={meeting.id} className="card">
                <h3 className="card-title">
                  {meeting.partnerName} — {formatDate(meeting.on, i18n.language)}
                </h3>
                <p>{meeting.subject}</p>
                <p>{meeting.outcome}</p>
              </li>
            ))}
          </ul>
        )}
        {canManage && (
          <section aria-labelledby="network-new-meeting">
            <h3 id="network-new-meeting">{t('disabilityNetwork.newMeetingTitle')}</h3>
            {partners.length === 0 ? (
              <p>{t('disabilityNetwork.meetingNeedsPartner')}</p>
            ) : (
              <MeetingForm partners={partners} onDone={setStatus} />
            )}
          </section>
        )}
      </section>
    </>
  );
}
