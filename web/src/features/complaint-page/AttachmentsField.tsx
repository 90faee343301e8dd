import { useTranslation } from 'react-i18next';
import { formatSize } from '../../format';
import { ACCEPTED_FILES } from '../../uploads';
import type { ComplaintPage } from './publicComplaint';

const keyOf = (file: File) => `${file.name}:${file.size}:${file.lastModified}`;

/**
 * The complaint's files: the limits said before choosing (tied to the input), the chosen files listed with a
 * button to remove each, and what is over the limits refused at once (the server checks the content again).
 */
export function AttachmentsField({
  files,
  limits,
  error,
  onChange,
}: {
  files: File[];
  limits: ComplaintPage['attachments'];
  error?: string;
  onChange: (files: File[], error?: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const size = formatSize(limits.maxBytes, i18n.language);

  const add = (chosen: File[]) => {
    const kept = [...files];
    let refusal: string | undefined;
    for (const file of chosen) {
      if (kept.some((other) => keyOf(other) === keyOf(file))) continue;
      if (file.size > limits.maxBytes) refusal = t('complaintPage.fileTooLarge', { name: file.name, size });
      else if (file.size === 0) refusal = t('complaintPage.fileEmpty', { name: file.name });
      else if (kept.length >= limits.maxFiles)
        refusal = t('complaintPage.tooManyFiles', { count: limits.maxFiles });
      else kept.push(file);
    }
    onChange(kept, refusal);
  };

  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor="complaint-attachments">
        {t('complaintPage.attachments')} ({t('complaintPage.optional')})
      </label>
      <p className="hint" id="complaint-attachments-hint">
        {t('complaintPage.attachmentsHint', { count: limits.maxFiles, size })}
      </p>
      {error && (
        <p className="field-error" id="complaint-attachments-error" role="alert">
          {error}
        </p>
      )}
      <input
        id="complaint-attachments"
        type="file"
        multiple
        accept={ACCEPTED_FILES}
        aria-invalid={error ? true : undefined}
        aria-describedby={['complaint-attachments-hint', error ? 'complaint-attachments-error' : '']
          .filter(Boolean)
          .join(' ')}
        onChange={(event) => {
          add([...(event.target.files ?? [])]);
          // The same file may be chosen again after being removed.
          event.target.value = '';
        }}
      />
      {files.length > 0 && (
        <ul className="attachment-list" aria-label={t('complaintPage.chosen')}>
          {files.map((file, index) => (
            <li key={keyOf(file)}>
              <span>
                {file.name} ({formatSize(file.size, i18n.language)})
              </span>
              <button
                type="button"
                className="button button-secondary"
                aria-label={t('complaintPage.remove', { name: file.name })}
                onClick={() => onChange(files.filter((_, other) => other !== index))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
