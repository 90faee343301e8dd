import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { parisToday } from '../../format';
import { CalendarItems } from './CalendarItems';
import { shiftDay, useCalendar } from './calendar';

/** The dashboard's panel: what is due in the next 60 days, and what is overdue since 30 days. */
export function NextDuePanel() {
  const { t } = useTranslation();
  const today = parisToday();
  const calendar = useCalendar(shiftDay(today, -30), shiftDay(today, 60));
  const items = (calendar.data ?? [])
    .filter((item) => item.overdue || (item.endDate ?? item.date) >= today)
    .slice(0, 8);
  return (
    <section aria-labelledby="dashboard-next-due" data-testid="next-due">
      <h2 id="dashboard-next-due">{t('calendar.nextTitle')}</h2>
      {calendar.isError && <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />}
      {calendar.data &&
        (items.length === 0 ? <p>{t('calendar.nextEmpty')}</p> : <CalendarItems items={items} />)}
      <p>
        <Link to="/calendar">{t('calendar.nextAll')}</Link>
      </p>
    </section>
  );
}
