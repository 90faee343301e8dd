import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useViewer } from '../../data/viewer';
import { ActivitiesSection } from './ActivitiesSection';
import { CertificationSection } from './CertificationSection';
import { ComplaintPageSection } from './ComplaintPageSection';
import { IdentitySection } from './IdentitySection';
import { LogoSection } from './LogoSection';
import { useOrganisationProfile } from './organisation';
import { PrivacyNoticeSection } from './PrivacyNoticeSection';
import { SitesSection } from './SitesSection';

/** `/organisation`: the organisation profile; admins change it, every other member reads it. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const profile = useOrganisationProfile();
  const [saved, setSaved] = useState<string | null>(null);
  const canEdit = viewer.data?.role === 'admin';
  const onSaved = (section: string) => setSaved(t('organisation.saved', { section }));
  const data = profile.data;

  return (
    <>
      <PageTitle page={t('organisation.title')} />
      <h1>
        {t('organisation.title')}
        {data?.name ? ` — ${data.name}` : ''}
      </h1>
      <StatusMessage>{saved}</StatusMessage>
      {(profile.isPending || viewer.isPending) && <Loading />}
      {profile.isError && <QueryError error={profile.error} onRetry={() => void profile.refetch()} />}
      {data && !viewer.isPending && (
        <div className="organisation-sections">
          {!canEdit && <p>{t('organisation.readOnly')}</p>}
          <IdentitySection profile={data} canEdit={canEdit} onSaved={onSaved} />
          <LogoSection profile={data} canEdit={canEdit} onSaved={onSaved} />
          <SitesSection profile={data} canEdit={canEdit} onSaved={onSaved} />
          <ActivitiesSection profile={data} canEdit={canEdit} onSaved={onSaved} />
          <CertificationSection profile={data} canEdit={canEdit} onSaved={onSaved} />
          <PrivacyNoticeSection profile={data} canEdit={canEdit} onSaved={onSaved} />
          <ComplaintPageSection canEdit={canEdit} onSaved={onSaved} />
        </div>
      )}
    </>
  );
}
