import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { command, getJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDate, formatDateTime, formatMonth, parisToday } from '../../format';
import { CalendarItems } from './CalendarItems';
import { type CalendarItemView, shiftDay, useCalendar } from './calendar';

/** Six months at a time: a minor non-conformity's deadline is in the first view of its notification day. */
const WINDOW_DAYS = 184;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `/calendar?from=YYYY-MM-DD`: what is due, month by month, six months at a time, and the personal `.ics` feed. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('from');
  const from = asked && DAY.test(asked) ? asked : `${parisToday().slice(0, 7)}-01`;
  const setFrom = (day: string) => setParams({ from: day });
  const to = shiftDay(from, WINDOW_DAYS);
  const calendar = useCalendar(from, to);
  const byMonth = new Map<string, CalendarItemView[]>();
  for (const item of calendar.data ?? []) {
    // A span that began before the range shows under its first month.
    const month = [from, item.date].sort()[1]!.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), item]);
  }

  return (
    <>
      <PageTitle page={t('calendar.title')} />
      <h1>{t('calendar.title')}</h1>
      <p>{t('calendar.intro')}</p>
      <nav
        aria-label={t('calendar.range', {
          from: formatDate(from, i18n.language),
          to: formatDate(to, i18n.language),
        })}
      >
        <p>
          {t('calendar.range', { from: formatDate(from, i18n.language), to: formatDate(to, i18n.language) })}
        </p>
        <button type="button" className="button" onClick={() => setFrom(shiftDay(from, -WINDOW_DAYS))}>
          {t('calendar.earlier')}
        </button>{' '}
        <button type="button" className="button" onClick={() => setFrom(shiftDay(from, WINDOW_DAYS))}>
          {t('calendar.later')}
        </button>
      </nav>
      {calendar.isPending && <Loading />}
      {calendar.isError && <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />}
      {calendar.data && byMonth.size === 0 && <p>{t('calendar.empty')}</p>}
      {[...byMonth.entries()].map(([month, items]) => (
        <section key={month} aria-labelledby={`calendar-${month}`} data-testid="calendar-month">
          <h2 id={`calendar-${month}`}>{formatMonth(month, i18n.language)}</h2>
          <CalendarItems items={items} />
        </section>
      ))}
      <FeedSection formatWhen={(iso) => formatDateTime(iso, i18n.language)} />
    </>
  );
}

/** The member's `.ics` address: created or regenerated (shown once), or turned off. */
function FeedSection({ formatWhen }: { formatWhen: (iso: string) => string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const feed = useQuery({
    queryKey: ['calendar-feed'],
    queryFn: () => getJson<{ active: boolean; createdAt: string | null }>('/api/calendar-feed'),
  });
  const create = useMutation({
    mutationFn: () => command<{ url: string }>('/api/calendar-feed'),
    onSuccess: (answer) => {
      setShown(answer.url);
      setStatus(null);
      void queryClient.invalidateQueries({ queryKey: ['calendar-feed'] });
    },
  });
  const revoke = useMutation({
    mutationFn: () => command<{ revoked: boolean }>('/api/calendar-feed/revoke'),
    onSuccess: () => {
      setShown(null);
      setStatus(t('calendar.feedRevoked'));
      void queryClient.invalidateQueries({ queryKey: ['calendar-feed'] });
    },
  });
  return (
    <section aria-labelledby="calendar-feed">
      <h2 id="calendar-feed">{t('calendar.feedTitle')}</h2>
      <p>{t('calendar.feedIntro')}</p>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={create.error ?? revoke.error} />
      {feed.data && (
        <p>
          {feed.data.active && feed.data.createdAt
            ? t('calendar.feedActive', { date: formatWhen(feed.data.createdAt) })
            : t('calendar.feedNone')}
        </p>
      )}
      {shown && (
        <p>
          {t('calendar.feedShown')} <code data-testid="feed-url">{shown}</code>
        </p>
      )}
      <button type="button" className="button button-primary" onClick={() => create.mutate()}>
        {feed.data?.active ? t('calendar.feedRegenerate') : t('calendar.feedCreate')}
      </button>{' '}
      {feed.data?.active && (
        <button type="button" className="button" onClick={() => revoke.mutate()}>
          {t('calendar.feedRevoke')}
        </button>
      )}
    </section>
  );
}
