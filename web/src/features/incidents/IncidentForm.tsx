import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import {
  enumValue,
  enumValues,
  type IncidentCategory,
  type IncidentKind,
  type IncidentSeverity,
} from '../../data/graphql';
import { useSessionChoices } from '../../data/sessions';
import { parisToday } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isStorableText } from '../../validation';
import { incidentsMessages } from './messages';

export const KINDS = enumValues<IncidentKind>(incidentsMessages.fr.incidentKinds);
export const CATEGORIES = enumValues<IncidentCategory>(incidentsMessages.fr.incidentCategories);
export const SEVERITIES = enumValues<IncidentSeverity>(incidentsMessages.fr.incidentSeverities);
const FIELDS = ['kind', 'category', 'severity', 'occurredOn', 'sessionId', 'site', 'description'] as const;
type Field = (typeof FIELDS)[number];

interface Values {
  kind: IncidentKind;
  category: IncidentCategory;
  severity: IncidentSeverity;
  occurredOn: string;
  sessionId: string;
  site: string;
  description: string;
}

/** Recording a difficulty or a disruption; what was typed stays on any error. */
export function IncidentForm({ onDone }: { onDone: (answer: { id: string; position: number }) => void }) {
  const { t } = useTranslation();
  const today = parisToday();
  const [values, setValues] = useState<Values>({
    kind: 'difficulty',
    category: 'learner_difficulty',
    severity: 'moderate',
    occurredOn: today,
    sessionId: '',
    site: '',
    description: '',
  });
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'incident');
  const sessions = useSessionChoices();
  const send = useMutation({
    mutationFn: (body: object) => command<{ id: string; position: number }>('/api/incidents', body),
    onSuccess: onDone,
    onError: (error) => {
      if (isApiError(error) && error.code === 'date_in_future') {
        show({ occurredOn: t('incidentForm.futureDate') });
        return;
      }
      showServerError(error);
    },
  });

  const validate = (input: Values) => {
    const found: Partial<Record<Field, string>> = {};
    if (!input.occurredOn) found.occurredOn = t('validation.required');
    else if (input.occurredOn > today) found.occurredOn = t('incidentForm.futureDate');
    if (!input.description.trim()) found.description = t('validation.required');
    for (const field of ['site', 'description'] as const) {
      if (!found[field] && !isStorableText(input[field])) found[field] = t('validation.invalidCharacters');
    }
    return found;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending || show(validate(values))) return;
    send.mutate({
      kind: values.kind,
      category: values.category,
      severity: values.severity,
      occurredOn: values.occurredOn,
      sessionId: values.sessionId || null,
      site: values.site,
      description: values.description,
    });
  };

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      <div className="field-row">
        <SelectField
          id="incident-kind"
          label={t('incidentForm.kind')}
          value={values.kind}
          onChange={(event) =>
            setValues({ ...values, kind: enumValue(KINDS, event.target.value) ?? values.kind })
          }
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`incidentKinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="incident-severity"
          label={t('incidentForm.severity')}
          value={values.severity}
          onChange={(event) =>
            setValues({ ...values, severity: enumValue(SEVERITIES, event.target.value) ?? values.severity })
          }
        >
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {t(`incidentSeverities.${severity}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <SelectField
        id="incident-category"
        label={t('incidentForm.category')}
        value={values.category}
        onChange={(event) =>
          setValues({ ...values, category: enumValue(CATEGORIES, event.target.value) ?? values.category })
        }
      >
        {CATEGORIES.map((category) => (
          <option key={category} value={category}>
            {t(`incidentCategories.${category}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="incident-occurredOn"
        label={t('incidentForm.occurredOn')}
        hint={t('incidentForm.occurredOnHint')}
        type="date"
        required
        max={today}
        value={values.occurredOn}
        error={errors.occurredOn}
        onChange={(event) => setValues({ ...values, occurredOn: event.target.value })}
      />
      <SelectField
        id="incident-sessionId"
        label={t('incidentForm.session')}
        hint={t('incidentForm.optionalHint')}
        value={values.sessionId}
        error={errors.sessionId}
        onChange={(event) => setValues({ ...values, sessionId: event.target.value })}
      >
        <option value="">{t('incidentForm.noSession')}</option>
        {sessions.data?.map((session) => (
          <option key={session.id} value={session.id}>
            {session.label}
          </option>
        ))}
      </SelectField>
      <TextField
        id="incident-site"
        label={t('incidentForm.site')}
        hint={t('incidentForm.optionalHint')}
        autoComplete="off"
        value={values.site}
        error={errors.site}
        onChange={(event) => setValues({ ...values, site: event.target.value })}
      />
      <TextAreaField
        id="incident-description"
        label={t('incidentForm.description')}
        hint={t('incidentForm.descriptionHint')}
        required
        rows={4}
        value={values.description}
        error={errors.description}
        onChange={(event) => setValues({ ...values, description: event.target.value })}
      />
      <SubmitButton pending={send.isPending}>{t('incidentForm.submit')}</SubmitButton>
    </form>
  );
}
