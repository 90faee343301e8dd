import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { enumValue, enumValues, type ImprovementActionOriginType } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { ContentForm, type ContentValues } from './ContentForm';
import { actionsMessages } from './messages';

const ORIGINS = enumValues<ImprovementActionOriginType>(actionsMessages.fr.actionOrigins);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/improvement-actions/new`: plan an action; `?origin=complaint&originId=…&title=…` prefills it from a source. */
export function NewActionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const viewer = useViewer();
  const [params] = useSearchParams();
  if (!viewer.data) return null;
  const originId = params.get('originId');
  const initial: ContentValues = {
    title: params.get('title')?.slice(0, 300) ?? '',
    description: '',
    type: 'corrective',
    priority: 'normal',
    ownerId: viewer.data.id,
    dueOn: '',
    origins: [
      {
        type: enumValue(ORIGINS, params.get('origin') ?? '') ?? 'internal_review',
        id: originId && UUID.test(originId) ? originId : null,
        indicator: null,
      },
    ],
  };
  return (
    <>
      <PageTitle page={t('improvement.newTitle')} />
      <p>
        <Link to="/improvement-actions">{t('improvement.back')}</Link>
      </p>
      <h1>{t('improvement.newTitle')}</h1>
      <ContentForm
        id="action-new"
        initial={initial}
        submitLabel={t('improvement.create')}
        onDone={(answer) => void navigate(`/improvement-actions/${answer.id}`)}
      />
    </>
  );
}
