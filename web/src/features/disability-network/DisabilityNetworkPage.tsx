import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { graphql } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';
import { formatDate } from '../../format';

const DisabilityNetworkQuery = graphql(`
  query DisabilityNetwork {
    disabilityNetwork {
      partners { id kind name contacts { name role email phone } }
      referent { memberId name trainings { title on provider } }
      meetings { id partnerName on subject outcome }
    }
  }
`);

/** `/disability-network`: the network of indicator 26 as it stands (managed through the API for now). */
export function DisabilityNetworkPage() {
  const { t, i18n } = useTranslation();
  const network = useQuery(graphQLQuery(DisabilityNetworkQuery, {}));
  if (network.isPending) return <Loading />;
  if (network.isError) return <QueryError error={network.error} onRetry={() => void network.refetch()} />;
  const { partners, referent, meetings } = network.data.disabilityNetwork;

  return (
    <>
      <PageTitle page={t('disabilityNetwork.title')} />
      <h1>{t('disabilityNetwork.title')}</h1>
      <p>{t('disabilityNetwork.intro')}</p>

      <section aria-labelledby="network-partners">
        <h2 id="network-partners">{t('disabilityNetwork.partnersTitle')}</h2>
        {partners.length === 0 ? (
          <p>{t('disabilityNetwork.noPartners')}</p>
        ) : (
          <ul className="card-list">
            {partners.map((partner) => (
              <li key={partner.id} className="card">
                <h3 className="card-title">{partner.name}</h3>
                <p className="card-meta">
                  <span className="badge">{t(`disabilityPartnerKinds.${partner.kind}`)}</span>
                </p>
                <ul>
                  {partner.contacts.map((contact) => (
                    <li key={`${contact.name}-${contact.email ?? ''}`}>
                      {[contact.name, contact.role, contact.email, contact.phone].filter(Boolean).join(' — ')}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="network-referent">
        <h2 id="network-referent">{t('disabilityNetwork.referentTitle')}</h2>
        {referent ? (
          <>
            {referent.name && <p>{referent.name}</p>}
            <h3>{t('disabilityNetwork.trainingsTitle')}</h3>
            <ul>
              {referent.trainings.map((training) => (
                <li key={`${training.title}-${training.on}`}>
                  {training.title} — {training.provider} — {formatDate(training.on, i18n.language)}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('disabilityNetwork.noReferent')}</p>
        )}
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
      </section>
    </>
  );
}
