import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusMessage } from '../../components/StatusMessage';
import { type ActionCategory, enumValues } from '../../data/graphql';
import { CorrectionForm } from './CorrectionForm';
import { trainingMessages } from './messages';

const ACTION_CATEGORIES = enumValues<ActionCategory>(trainingMessages.fr.categories);

/**
 * The corrections of a training action behind a disclosure (a page that is mostly read stays short): rename,
 * category, archive or unarchive. Each is its own command with its own reason.
 */
export function EditTrainingAction({
  action,
}: {
  action: {
    id: string;
    title: string;
    category: ActionCategory;
    certifying: boolean;
    archived: boolean;
    revision: number;
  };
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const base = `/api/training-actions/${encodeURIComponent(action.id)}`;
  const done = (message: string) => (changed: boolean) =>
    setStatus(changed ? message : t('correction.unchanged'));

  return (
    <section aria-labelledby="action-edit">
      <h2 id="action-edit" className="session-heading">
        <button
          type="button"
          className="disclosure"
          aria-expanded={open}
          aria-controls="action-edit-panel"
          onClick={() => setOpen(!open)}
        >
          <span className="disclosure-icon" aria-hidden="true" />
          {t('action.edit')}
        </button>
      </h2>
      <StatusMessage>{status}</StatusMessage>
      <div id="action-edit-panel" hidden={!open}>
        {/* Mounted only when shown: the page's other forms keep their labels unique. */}
        {open && !action.archived && (
          <>
            <h3>{t('action.renameTitle')}</h3>
            <CorrectionForm
              id="action-rename"
              path={`${base}/rename`}
              revision={action.revision}
              fields={[{ name: 'title', label: t('action.newTitle'), kind: 'text' }]}
              initial={{ title: action.title }}
              reason="optional"
              submitLabel={t('action.renameSubmit')}
              onDone={done(t('correction.saved'))}
            />
            <h3>{t('action.categoryTitle')}</h3>
            <CorrectionForm
              id="action-recategorise"
              path={`${base}/category`}
              revision={action.revision}
              fields={[
                {
                  name: 'category',
                  label: t('actions.category'),
                  kind: 'select',
                  options: ACTION_CATEGORIES.map((value) => ({ value, label: t(`categories.${value}`) })),
                },
                { name: 'certifying', label: t('actions.certifying'), kind: 'checkbox' },
              ]}
              initial={{ category: action.category, certifying: action.certifying }}
              reason="required"
              submitLabel={t('action.categorySubmit')}
              onDone={done(t('correction.saved'))}
            />
          </>
        )}
        {open && (
          <>
            <h3>{t('action.archiveTitle')}</h3>
            {!action.archived && <p className="hint">{t('action.archiveHint')}</p>}
            <CorrectionForm
              key={action.archived ? 'unarchive' : 'archive'}
              id="action-archive"
              path={`${base}/${action.archived ? 'unarchive' : 'archive'}`}
              revision={action.revision}
              fields={[]}
              initial={{}}
              reason="optional"
              submitLabel={action.archived ? t('action.unarchiveSubmit') : t('action.archiveSubmit')}
              onDone={done(action.archived ? t('action.unarchived') : t('action.archived'))}
            />
          </>
        )}
      </div>
    </section>
  );
}
