import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../format';
import type { CalendarItemView } from './calendar';

/** A list of calendar items: day, title (linked), span, indicator, overdue. */
export function CalendarItems({ items }: { items: readonly CalendarItemView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="list">
      {items.map((item) => (
        <li key={item.id} data-kind={item.kind} data-date={item.date}>
          <time dateTime={item.date}>{formatDate(item.date, i18n.language)}</time>
          {item.endDate && ` ${t('calendar.until', { date: formatDate(item.endDate, i18n.language) })}`} —{' '}
          <Link to={item.href}>{item.title}</Link>
          {item.indicator != null && ` (${t('calendar.indicator', { number: item.indicator })})`}
          {item.overdue && <strong className="badge badge-warning"> {t('calendar.overdue')}</strong>}
        </li>
      ))}
    </ul>
  );
}
