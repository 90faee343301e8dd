import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { Audience } from '../../data/graphql';
import { formatDate } from '../../format';

interface Choices {
  questionnaires: { id: string; audience: Audience; title: { fr: string; en: string | null } }[];
  sessions: { id: string; label: string }[];
}

type Anchor = 'session_end' | 'session_start' | 'date';

/** Plans a campaign: the questionnaire fixes the group; a session or a period; when to send; reminders. */
export function NewCampaignForm({ questionnaires, sessions }: Choices) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [questionnaireId, setQuestionnaireId] = useState(questionnaires[0]?.id ?? '');
  const questionnaire = questionnaires.find((candidate) => candidate.id === questionnaireId);
  const partner = questionnaire?.audience === 'funder' || questionnaire?.audience === 'company';
  const [targetKind, setTargetKind] = useState<'session' | 'period'>('session');
  const [sessionId, setSessionId] = useState(sessions[0]?.id ?? '');
  const [period, setPeriod] = useState({ label: '', from: '', to: '' });
  const [anchor, setAnchor] = useState<Anchor>('session_end');
  const [offsetDays, setOffsetDays] = useState('0');
  const [date, setDate] = useState('');
  const [reminders, setReminders] = useState('1');
  const [reminderGapDays, setReminderGapDays] = useState('7');
  const [openDays, setOpenDays] = useState('21');
  const [anonymous, setAnonymous] = useState(false);

  const plan = useMutation({
    mutationFn: (body: object) => command<{ id: string }>('/api/campaigns', body),
    onSuccess: ({ id }) => navigate(`/campaigns/${encodeURIComponent(id)}`),
  });

  if (questionnaires.length === 0) return <p>{t('campaigns.noQuestionnaire')}</p>;
  const byPeriod = partner && targetKind === 'period';
  const anchors: Anchor[] = byPeriod ? ['date'] : ['session_end', 'session_start', 'date'];
  const chosenAnchor = anchors.includes(anchor) ? anchor : 'date';

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (plan.isPending || !questionnaire) return;
    plan.mutate({
      questionnaireId,
      audience: questionnaire.audience,
      target: byPeriod ? { period } : { sessionId },
      send: {
        anchor: chosenAnchor,
        offsetDays: Number(offsetDays) || 0,
        date: chosenAnchor === 'date' ? date : null,
      },
      reminders: Number(reminders),
      reminderGapDays: Number(reminderGapDays),
      openDays: Number(openDays),
      anonymous,
    });
  };

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={plan.error} />
      <SelectField
        id="campaign-questionnaire"
        label={t('campaigns.questionnaire')}
        value={questionnaireId}
        onChange={(event) => setQuestionnaireId(event.target.value)}
      >
        {questionnaires.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {t(`audiences.${candidate.audience}`)} — {candidate.title.fr}
          </option>
        ))}
      </SelectField>
      {partner && (
        <SelectField
          id="campaign-target"
          label={t('campaigns.target')}
          value={targetKind}
          onChange={(event) => setTargetKind(event.target.value === 'period' ? 'period' : 'session')}
        >
          <option value="session">{t('campaigns.targetSession')}</option>
          <option value="period">{t('campaigns.targetPeriod')}</option>
        </SelectField>
      )}
      {byPeriod ? (
        <>
          <TextField
            id="campaign-period-label"
            label={t('campaigns.periodLabel')}
            value={period.label}
            onChange={(event) => setPeriod({ ...period, label: event.target.value })}
          />
          <div className="field-row">
            <TextField
              id="campaign-period-from"
              type="date"
              label={t('campaigns.periodFrom')}
              value={period.from}
              onChange={(event) => setPeriod({ ...period, from: event.target.value })}
            />
            <TextField
              id="campaign-period-to"
              type="date"
              label={t('campaigns.periodTo')}
              value={period.to}
              onChange={(event) => setPeriod({ ...period, to: event.target.value })}
            />
          </div>
        </>
      ) : (
        <SelectField
          id="campaign-session"
          label={t('campaigns.session')}
          value={sessionId}
          onChange={(event) => setSessionId(event.target.value)}
        >
          {sessions.map((session) => (
            <option key={session.id} value={session.id}>
              {session.label}
            </option>
          ))}
        </SelectField>
      )}
      <div className="field-row">
        <SelectField
          id="campaign-anchor"
          label={t('campaigns.anchor')}
          value={chosenAnchor}
          onChange={(event) => setAnchor(event.target.value as Anchor)}
        >
          {anchors.map((value) => (
            <option key={value} value={value}>
              {t(`campaigns.anchor_${value}`)}
            </option>
          ))}
        </SelectField>
        {chosenAnchor === 'date' ? (
          <TextField
            id="campaign-date"
            type="date"
            label={t('campaigns.sendDate')}
            value={date}
            hint={date ? formatDate(date, i18n.language) : undefined}
            onChange={(event) => setDate(event.target.value)}
          />
        ) : (
          <TextField
            id="campaign-offset"
            type="number"
            inputMode="numeric"
            label={t('campaigns.offsetDays')}
            hint={t('campaigns.offsetHint')}
            value={offsetDays}
            onChange={(event) => setOffsetDays(event.target.value)}
          />
        )}
      </div>
      <div className="field-row">
        <SelectField
          id="campaign-reminders"
          label={t('campaigns.reminders')}
          value={reminders}
          onChange={(event) => setReminders(event.target.value)}
        >
          {['0', '1', '2', '3'].map((count) => (
            <option key={count} value={count}>
              {count}
            </option>
          ))}
        </SelectField>
        <TextField
          id="campaign-gap"
          type="number"
          inputMode="numeric"
          label={t('campaigns.reminderGapDays')}
          value={reminderGapDays}
          onChange={(event) => setReminderGapDays(event.target.value)}
        />
        <TextField
          id="campaign-open-days"
          type="number"
          inputMode="numeric"
          label={t('campaigns.openDays')}
          value={openDays}
          onChange={(event) => setOpenDays(event.target.value)}
        />
      </div>
      <div className="field field-checkbox">
        <input
          id="campaign-anonymous"
          type="checkbox"
          checked={anonymous}
          onChange={(event) => setAnonymous(event.target.checked)}
        />
        <label htmlFor="campaign-anonymous">{t('campaigns.anonymous')}</label>
      </div>
      <SubmitButton pending={plan.isPending}>{t('campaigns.submit')}</SubmitButton>
    </form>
  );
}
