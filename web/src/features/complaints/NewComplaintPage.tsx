import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ComplaintForm } from './ComplaintForm';

/** `/complaints/new`: a complaint received by phone, letter, e-mail or in person, written down by staff. */
export function NewComplaintPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle page={t('complaintForm.title')} />
      <p>
        <Link to="/complaints">{t('complaintForm.back')}</Link>
      </p>
      <h1>{t('complaintForm.title')}</h1>
      <p>{t('complaintForm.intro')}</p>
      <p className="hint">{t('app.requiredNote')}</p>
      <ComplaintForm onDone={(answer) => void navigate(`/complaints/${encodeURIComponent(answer.id)}`)} />
    </>
  );
}
