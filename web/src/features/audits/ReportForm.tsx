import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { formatSize, parisToday } from '../../format';
import { ACCEPTED_FILES, commandFormWithProgress } from '../../uploads';
import type { AuditView } from './audits';
import { auditsMessages } from './messages';

/** The refusals of a sent file that the form words itself (the server's codes), beside the file field. */
const FILE_CODES = new Set(Object.keys(auditsMessages.fr.auditReportErrors));
type FileCode = keyof typeof auditsMessages.fr.auditReportErrors;

/** A refusal of the report file in the page's words, naming the file and, when too large, the limit. */
const fileRefusal = (t: TFunction, error: unknown, file: File | null, language: string): string | null => {
  if (!isApiError(error) || !FILE_CODES.has(error.code)) return null;
  const maxBytes = error.details?.maxBytes;
  return t(`auditReportErrors.${error.code as FileCode}`, {
    name: file?.name ?? '',
    size: typeof maxBytes === 'number' ? formatSize(maxBytes, language) : '',
  });
};

/**
 * Records that a held audit's report was received: the day, and the certifier's report file if there is one
 * (multipart, checked by content on the server), sent with its progress shown.
 */
export function ReportForm({ audit, onDone }: { audit: AuditView; onDone: (status: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [receivedOn, setReceivedOn] = useState(parisToday);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ receivedOn?: string; file?: string }>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);

  const refused = (error: unknown) => {
    if (isApiError(error) && error.code === 'revision_conflict') void queryClient.invalidateQueries();
    const fileMessage = fileRefusal(t, error, file, i18n.language);
    if (fileMessage) {
      setErrors({ file: fileMessage });
      document.getElementById('audit-report-file')?.focus();
    } else if (isApiError(error) && error.code === 'report_date_invalid') {
      setErrors({ receivedOn: t('errors.report_date_invalid') });
      document.getElementById('audit-report-receivedOn')?.focus();
    } else {
      setFormError(error);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (progress !== null) return;
    setFormError(null);
    const found = {
      receivedOn: receivedOn.trim() ? undefined : t('validation.required'),
      file: file && file.size === 0 ? t('auditReportErrors.file_empty', { name: file.name }) : undefined,
    };
    setErrors(found);
    if (found.receivedOn || found.file) {
      document.getElementById(found.receivedOn ? 'audit-report-receivedOn' : 'audit-report-file')?.focus();
      return;
    }
    const form = new FormData();
    form.append('receivedOn', receivedOn);
    if (file) form.append('report', file, file.name);
    setProgress(0);
    commandFormWithProgress(`/api/audits/${encodeURIComponent(audit.id)}/report`, form, {
      ifMatch: audit.revision,
      onProgress: setProgress,
    }).then(
      () => {
        setProgress(null);
        void queryClient.invalidateQueries();
        onDone(file ? t('audit.reportFileDone', { name: file.name }) : t('audit.reportDone'));
      },
      (error: unknown) => {
        setProgress(null);
        refused(error);
      },
    );
  };

  const percent = Math.round((progress ?? 0) * 100);
  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      <TextField
        id="audit-report-receivedOn"
        label={t('audit.receivedOn')}
        type="date"
        required
        max={parisToday()}
        value={receivedOn}
        error={errors.receivedOn}
        onChange={(event) => setReceivedOn(event.target.value)}
      />
      <TextField
        id="audit-report-file"
        label={t('audit.reportFile')}
        hint={t('audit.reportFileHint')}
        type="file"
        accept={ACCEPTED_FILES}
        error={errors.file}
        onChange={(event) => {
          setFile(event.target.files?.[0] ?? null);
          setErrors((current) => ({ ...current, file: undefined }));
        }}
      />
      {progress !== null && (
        <div className="upload-progress">
          <progress id="audit-report-progress" max={100} value={percent} />
          <label htmlFor="audit-report-progress" aria-live="polite">
            {t('audit.reportSending', { percent })}
          </label>
        </div>
      )}
      <SubmitButton id="audit-report-submit" pending={progress !== null}>
        {t('audit.reportSubmit')}
      </SubmitButton>
    </form>
  );
}
