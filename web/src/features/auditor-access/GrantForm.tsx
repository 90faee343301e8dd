import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { formatDate, parisToday } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isEmail, isStorableText } from '../../validation';
import type { AuditView, BinderView, GrantedLink } from './auditorAccess';

const FIELDS = ['auditorName', 'auditorEmail', 'auditId', 'from', 'until'] as const;
const DEFAULT_DAYS = 14;
const MAX_DAYS = 60;

const addDays = (day: string, days: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** Grants a link: the auditor, the audit it is for, its days and the binders it covers; answers the link once. */
export function GrantForm({
  audits,
  binders,
  onGranted,
}: {
  audits: readonly AuditView[];
  binders: readonly BinderView[];
  onGranted: (link: GrantedLink) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const today = parisToday();
  const empty = () => ({
    auditorName: '',
    auditorEmail: '',
    auditId: '',
    from: today,
    until: addDays(today, DEFAULT_DAYS - 1),
    binderExportIds: [] as string[],
    sendMail: true,
  });
  const [values, setValues] = useState(empty);
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'grant');
  const grant = useMutation({
    mutationFn: (body: object) => command<GrantedLink>('/api/auditor-access/links', body),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const completed = binders.filter((binder) => binder.status === 'completed');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (grant.isPending) return;
    const found: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!values.auditorName.trim()) found.auditorName = t('validation.required');
    else if (!isStorableText(values.auditorName)) found.auditorName = t('validation.invalidCharacters');
    if (!values.auditorEmail.trim()) found.auditorEmail = t('validation.required');
    else if (!isEmail(values.auditorEmail)) found.auditorEmail = t('validation.email');
    if (!values.from) found.from = t('validation.required');
    else if (values.from < today) found.from = t('auditorAccess.fromInPast');
    if (!values.until) found.until = t('validation.required');
    else if (values.from && values.until < values.from) found.until = t('auditorAccess.untilBeforeFrom');
    else if (values.from && values.until > addDays(values.from, MAX_DAYS - 1)) {
      found.until = t('auditorAccess.tooLong');
    }
    if (show(found)) return;
    grant.mutate(
      {
        auditorName: values.auditorName.trim(),
        auditorEmail: values.auditorEmail.trim(),
        auditId: values.auditId || null,
        from: values.from,
        until: values.until,
        binderExportIds: values.binderExportIds.length > 0 ? values.binderExportIds : null,
        sendMail: values.sendMail,
        locale: i18n.language.startsWith('en') ? 'en' : 'fr',
      },
      {
        onSuccess: (link) => {
          setValues(empty());
          onGranted(link);
        },
        onError: (error) => showServerError(error),
      },
    );
  };

  const toggleBinder = (id: string, checked: boolean) =>
    setValues({
      ...values,
      binderExportIds: checked
        ? [...values.binderExportIds, id]
        : values.binderExportIds.filter((other) => other !== id),
    });

  return (
    <form noValidate className="panel" onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      <TextField
        id="grant-auditorName"
        label={t('auditorAccess.auditorName')}
        required
        maxLength={200}
        autoComplete="off"
        value={values.auditorName}
        error={errors.auditorName}
        onChange={(event) => setValues({ ...values, auditorName: event.target.value })}
      />
      <TextField
        id="grant-auditorEmail"
        label={t('auditorAccess.auditorEmail')}
        type="email"
        inputMode="email"
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={254}
        value={values.auditorEmail}
        error={errors.auditorEmail}
        onChange={(event) => setValues({ ...values, auditorEmail: event.target.value })}
      />
      <SelectField
        id="grant-auditId"
        label={t('auditorAccess.audit')}
        value={values.auditId}
        error={errors.auditId}
        onChange={(event) => setValues({ ...values, auditId: event.target.value })}
      >
        <option value="">{t('auditorAccess.noAudit')}</option>
        {audits.map((audit) => (
          <option key={audit.id} value={audit.id}>
            {t(`cycleAuditKinds.${audit.kind}`)} — {formatDate(audit.plannedFrom, i18n.language)}
          </option>
        ))}
      </SelectField>
      <div className="field-row">
        <TextField
          id="grant-from"
          label={t('auditorAccess.from')}
          type="date"
          required
          min={today}
          value={values.from}
          error={errors.from}
          onChange={(event) => setValues({ ...values, from: event.target.value })}
        />
        <TextField
          id="grant-until"
          label={t('auditorAccess.until')}
          hint={t('auditorAccess.windowHint')}
          type="date"
          required
          min={values.from || today}
          value={values.until}
          error={errors.until}
          onChange={(event) => setValues({ ...values, until: event.target.value })}
        />
      </div>
      <fieldset>
        <legend>{t('auditorAccess.bindersLegend')}</legend>
        <p className="hint">{t('auditorAccess.bindersHint')}</p>
        {completed.length === 0 ? (
          <p>{t('auditorAccess.noBinders')}</p>
        ) : (
          completed.map((binder) => (
            <div key={binder.id} className="field field-checkbox">
              <input
                id={`grant-binder-${binder.id}`}
                type="checkbox"
                checked={values.binderExportIds.includes(binder.id)}
                onChange={(event) => toggleBinder(binder.id, event.target.checked)}
              />
              <label htmlFor={`grant-binder-${binder.id}`}>
                {t('auditorAccess.binderLabel', {
                  from: formatDate(binder.from, i18n.language),
                  to: formatDate(binder.to, i18n.language),
                })}
              </label>
            </div>
          ))
        )}
      </fieldset>
      <div className="field field-checkbox">
        <input
          id="grant-sendMail"
          type="checkbox"
          checked={values.sendMail}
          onChange={(event) => setValues({ ...values, sendMail: event.target.checked })}
        />
        <label htmlFor="grant-sendMail">{t('auditorAccess.sendMail')}</label>
      </div>
      <SubmitButton pending={grant.isPending}>{t('auditorAccess.grant')}</SubmitButton>
    </form>
  );
}
