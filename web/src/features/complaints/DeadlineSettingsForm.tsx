import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { enumValue, enumValues, type HolidayCalendar } from '../../data/graphql';
import { useFormErrors } from '../../hooks/useFormErrors';
import { queryClient } from '../../queryClient';
import { useComplaintSettings } from './complaints';
import { complaintsMessages } from './messages';

const CALENDARS = enumValues<HolidayCalendar>(complaintsMessages.fr.holidayCalendars);
const FIELDS = ['acknowledgeWithinWorkingDays', 'answerWithinWorkingDays', 'calendar'] as const;
/** The server's bound (MAX_DEADLINE_WORKING_DAYS). */
const MAX_DAYS = 90;

/** The organisation's deadlines: acknowledge within N working days, answer within M, and the calendar. */
export function DeadlineSettingsForm() {
  const { t } = useTranslation();
  const settings = useComplaintSettings();
  const [values, setValues] = useState({
    acknowledge: '',
    answer: '',
    calendar: 'metropolitan' as HolidayCalendar,
  });
  const [saved, setSaved] = useState(false);
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'complaint-settings');
  const loaded = settings.data;
  useEffect(() => {
    if (loaded) {
      setValues({
        acknowledge: String(loaded.acknowledgeWithinWorkingDays),
        answer: String(loaded.answerWithinWorkingDays),
        calendar: loaded.calendar,
      });
    }
  }, [loaded]);
  const send = useMutation({
    // The revision the form was filled from: a colleague's change meanwhile answers 409, never a silent overwrite.
    mutationFn: (body: object) =>
      command('/api/complaint-settings', body, loaded ? { ifMatch: loaded.revision } : {}),
    onSuccess: () => setSaved(true),
    onError: (error) => {
      setSaved(false);
      showServerError(error);
      // Reloaded, the form shows what the colleague saved; the message asks to try again from there.
      if (isApiError(error) && error.code === 'revision_conflict') void queryClient.invalidateQueries();
    },
  });

  const days = (raw: string) => (/^\d{1,2}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending) return;
    const acknowledge = days(values.acknowledge);
    const answer = days(values.answer);
    const found: Partial<Record<(typeof FIELDS)[number], string>> = {};
    const range = t('complaintSettings.range', { max: MAX_DAYS });
    if (!(acknowledge >= 0 && acknowledge <= MAX_DAYS)) found.acknowledgeWithinWorkingDays = range;
    if (!(answer >= 0 && answer <= MAX_DAYS)) found.answerWithinWorkingDays = range;
    else if (answer < acknowledge)
      found.answerWithinWorkingDays = t('complaintSettings.answerBeforeAcknowledge');
    setSaved(false);
    if (show(found)) return;
    send.mutate({
      acknowledgeWithinWorkingDays: acknowledge,
      answerWithinWorkingDays: answer,
      calendar: values.calendar,
    });
  };

  return (
    <section aria-labelledby="complaint-settings">
      <h2 id="complaint-settings">{t('complaintSettings.title')}</h2>
      <p>{t('complaintSettings.intro')}</p>
      <StatusMessage>{saved ? t('complaintSettings.saved') : null}</StatusMessage>
      <form className="form panel" noValidate onSubmit={onSubmit}>
        <ErrorAlert error={formError} />
        <div className="field-row">
          <TextField
            id="complaint-settings-acknowledgeWithinWorkingDays"
            label={t('complaintSettings.acknowledge')}
            inputMode="numeric"
            required
            value={values.acknowledge}
            error={errors.acknowledgeWithinWorkingDays}
            onChange={(event) => setValues({ ...values, acknowledge: event.target.value })}
          />
          <TextField
            id="complaint-settings-answerWithinWorkingDays"
            label={t('complaintSettings.answer')}
            inputMode="numeric"
            required
            value={values.answer}
            error={errors.answerWithinWorkingDays}
            onChange={(event) => setValues({ ...values, answer: event.target.value })}
          />
        </div>
        <SelectField
          id="complaint-settings-calendar"
          label={t('complaintSettings.calendar')}
          value={values.calendar}
          error={errors.calendar}
          onChange={(event) =>
            setValues({ ...values, calendar: enumValue(CALENDARS, event.target.value) ?? values.calendar })
          }
        >
          {CALENDARS.map((calendar) => (
            <option key={calendar} value={calendar}>
              {t(`holidayCalendars.${calendar}`)}
            </option>
          ))}
        </SelectField>
        <SubmitButton pending={send.isPending}>{t('complaintSettings.save')}</SubmitButton>
      </form>
    </section>
  );
}
