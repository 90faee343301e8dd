import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../format';
import { useCampaigns } from './campaigns';
import { NewCampaignForm } from './NewCampaignForm';

/** `/campaigns`: the organisation's campaigns and the form to plan one. */
export function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const campaigns = useCampaigns();
  const data = campaigns.data;
  const sessions =
    data?.trainingActions.edges.flatMap(({ node }) =>
      node.sessions
        .filter((session) => !session.cancelled)
        .map((session) => ({
          id: session.id,
          label: `${node.title} — ${session.title} (${formatDate(session.startsOn, i18n.language)})`,
        })),
    ) ?? [];

  return (
    <>
      <PageTitle page={t('campaigns.title')} />
      <h1>{t('campaigns.title')}</h1>
      <p>{t('campaigns.intro')}</p>
      {campaigns.isPending && <Loading />}
      {campaigns.isError && <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />}
      {data && (
        <>
          <section aria-labelledby="campaigns-list">
            <h2 id="campaigns-list">{t('campaigns.listTitle')}</h2>
            {data.campaigns.length === 0 && <p>{t('campaigns.empty')}</p>}
            <ul className="card-list">
              {data.campaigns.map((campaign) => (
                <li key={campaign.id} className="card">
                  <h3 className="card-title">
                    <Link to={`/campaigns/${encodeURIComponent(campaign.id)}`}>
                      {t('campaigns.summary', {
                        audience: t(`audiences.${campaign.audience}`),
                        target: campaign.targetLabel,
                        sendOn: formatDate(campaign.sendOn, i18n.language),
                        closesOn: formatDate(campaign.closesOn, i18n.language),
                      })}
                    </Link>
                  </h3>
                  <p className="card-meta">
                    <span className="badge">{t(`campaigns.status_${campaign.status}`)}</span>
                    <span>
                      {t('campaigns.counts', {
                        respondents: campaign.respondentCount,
                        invited: campaign.invitedCount,
                        answered: campaign.answeredCount,
                      })}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="campaigns-new">
            <h2 id="campaigns-new">{t('campaigns.newTitle')}</h2>
            <NewCampaignForm questionnaires={data.questionnaires} sessions={sessions} />
          </section>
        </>
      )}
    </>
  );
}
