import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { JourneyChecklist } from './JourneyChecklist';
import { useCertificationJourney } from './journey';

/** The dashboard's guided checklist: shown while a certification journey is in progress, gone once done. */
export function JourneyChecklistPanel() {
  const { t } = useTranslation();
  const journey = useCertificationJourney();
  const data = journey.data;
  if (!data?.certificationJourney || data.certificationJourney.complete) return null;
  return (
    <section aria-labelledby="dashboard-certification" data-testid="dashboard-certification">
      <h2 id="dashboard-certification">{t('certification.dashboardTitle')}</h2>
      <JourneyChecklist
        journey={data.certificationJourney}
        revision={data.certificationPlanning.revision}
        canManage={false}
      />
      <p>
        <Link to="/certification">{t('certification.openJourney')}</Link>
      </p>
    </section>
  );
}
