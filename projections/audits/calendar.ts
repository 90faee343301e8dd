import { AUDIT_KIND_LABELS } from '../../services/audits/events';
import { frenchDate } from '../../services/kernel/paris-time';
import type { CalendarItem, CalendarRange, CalendarSource } from '../calendar/item';
import { cycleOf } from './cycle-view';
import { auditsOf, nonConformitiesOf } from './queries';

const overlaps = (range: CalendarRange, from: string, to: string = from) =>
  from <= range.to && to >= range.from;

/**
 * The audit cycle on the calendar: the surveillance window, the renewal deadline and the day to book it by,
 * planned audits, and the deadlines of open non-conformities.
 */
export const auditsCalendar: CalendarSource = async (db, organisationId, range, today) => {
  const [cycle, audits, ncs] = await Promise.all([
    cycleOf(db, organisationId),
    auditsOf(db, organisationId),
    nonConformitiesOf(db, organisationId, { openOnly: true }),
  ]);
  const items: CalendarItem[] = [];
  if (cycle) {
    const surveillanceDone = audits.some(
      (audit) => audit.kind === 'surveillance' && audit.status !== 'cancelled' && audit.status !== 'planned',
    );
    const renewalDone = audits.some(
      (audit) => audit.kind === 'renewal' && audit.status !== 'cancelled' && audit.status !== 'planned',
    );
    const renewalBooked = audits.some((audit) => audit.kind === 'renewal' && audit.status !== 'cancelled');
    const { from, to } = cycle.surveillanceWindow;
    items.push({
      id: `audits:surveillance_window:${cycle.issuedOn}`,
      kind: 'surveillance_window',
      date: from,
      endDate: to,
      title: `Fenêtre de l’audit de surveillance (mois 14 à 22) : du ${frenchDate(from)} au ${frenchDate(to)}`,
      href: '/audits',
      overdue: !surveillanceDone && today > to,
    });
    items.push({
      id: `audits:renewal_book_by:${cycle.issuedOn}`,
      kind: 'renewal_book_by',
      date: cycle.renewalBookBy,
      title: 'Réserver l’audit de renouvellement (8 mois avant l’échéance)',
      href: '/audits',
      overdue: !renewalBooked && today > cycle.renewalBookBy,
    });
    items.push({
      id: `audits:renewal_deadline:${cycle.issuedOn}`,
      kind: 'renewal_deadline',
      date: cycle.renewalDeadline,
      title: 'Dernier jour pour tenir l’audit de renouvellement (avant 36 mois)',
      href: '/audits',
      overdue: !renewalDone && today > cycle.renewalDeadline,
    });
  }
  for (const audit of audits) {
    if (audit.status !== 'planned') continue;
    items.push({
      id: `audits:audit:${audit.id}`,
      kind: 'audit_planned',
      date: audit.planned_from,
      ...(audit.planned_to !== audit.planned_from ? { endDate: audit.planned_to } : {}),
      title: `${AUDIT_KIND_LABELS[audit.kind].replace(/^./, (first) => first.toUpperCase())} prévu (${audit.certifier_name})`,
      href: `/audits/${audit.id}`,
      overdue: today > audit.planned_to,
    });
  }
  for (const nc of ncs) {
    items.push({
      id: `audits:nc_deadline:${nc.id}`,
      kind: 'nc_deadline',
      date: nc.deadline,
      title:
        nc.grade === 'major'
          ? `Non-conformité majeure (indicateur ${nc.indicator}) : actions correctives efficaces`
          : `Non-conformité mineure (indicateur ${nc.indicator}) : plan d’action réalisé`,
      href: `/audits/${nc.audit_id}`,
      indicator: nc.indicator,
      overdue: today > nc.deadline,
    });
  }
  return items.filter((item) => overlaps(range, item.date, item.endDate));
};
