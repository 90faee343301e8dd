import { auditDecider } from '../../services/audits/decider';
import {
  auditStream,
  type NonConformityActionRequested,
  nonConformityActionStream,
  nonConformityStream,
} from '../../services/audits/events';
import { nonConformityActionDecider, nonConformityDecider } from '../../services/audits/nc-decider';
import { newId } from '../../services/kernel/ids';
import { addCalendarDays } from '../../services/kernel/working-days';
import { findIndicator, referentialVersionForDate } from '../../services/referential';
import { type Demo, day, onDay } from './context';

export const CERTIFIER = 'Certificateur (démo)';

/** A non-conformity of the initial audit and the corrective action it asked for. */
export interface DemoNonConformity {
  nonConformityId: string;
  indicator: number;
  request: NonConformityActionRequested['data'];
  /** The Paris day it was recorded, after the report came. */
  recordedOn: string;
}

const FINDINGS = [
  {
    indicator: 1,
    finding:
      'Le site internet ne précise ni les délais d’accès aux formations ni les modalités d’accessibilité aux personnes handicapées.',
    actionPlan:
      'Compléter chaque fiche formation du site (délais d’accès, accessibilité, tarifs) et désigner un responsable de leur mise à jour.',
    title: 'Compléter les fiches formation du site : délais d’accès et accessibilité',
  },
  {
    indicator: 30,
    finding: 'Les avis des financeurs et des entreprises ne sont pas recueillis de manière formalisée.',
    actionPlan:
      'Mettre en place un questionnaire annuel aux financeurs et aux entreprises, et tracer les échanges avec eux.',
    title: 'Recueillir chaque année l’avis des financeurs et des entreprises',
  },
];

/**
 * The certification cycle: the initial audit (held before the certificate, its report received), the two minor
 * non-conformities it found with their action plans — the first lifted since — and the surveillance audit planned
 * in months 14 to 22.
 */
export const seedAudits = async (demo: Demo, yearAgo: Date) => {
  const initialId = newId();
  const heldOn = day(new Date(yearAgo.getTime() - 20 * 86_400_000));
  const reportOn = addCalendarDays(heldOn, 8);
  const recordedOn = day(yearAgo);
  const initial = auditStream(initialId);
  await demo.run(yearAgo, auditDecider, initial, {
    type: 'PlanAudit',
    auditId: initialId,
    kind: 'initial',
    certifierName: CERTIFIER,
    plannedFrom: heldOn,
    plannedTo: heldOn,
  });
  await demo.run(yearAgo, auditDecider, initial, {
    type: 'HoldAudit',
    heldFrom: heldOn,
    heldTo: heldOn,
    today: recordedOn,
  });
  await demo.run(yearAgo, auditDecider, initial, {
    type: 'ReceiveReport',
    receivedOn: reportOn,
    report: null,
    today: recordedOn,
  });
  const referentialVersion = referentialVersionForDate(heldOn);
  const nonConformities: DemoNonConformity[] = [];
  for (const [index, found] of FINDINGS.entries()) {
    const nonConformityId = newId();
    const stream = nonConformityStream(nonConformityId);
    const when = onDay(demo, addCalendarDays(recordedOn, 1 + index), 10);
    await demo.run(when, nonConformityDecider, stream, {
      type: 'RecordNonConformity',
      nonConformityId,
      audit: { auditId: initialId, kind: 'initial', status: 'report_received', heldFrom: heldOn },
      indicator: found.indicator,
      majorOnly: findIndicator(found.indicator, referentialVersion)?.majorOnly ?? false,
      referentialVersion,
      grade: 'minor',
      finding: found.finding,
      notifiedOn: reportOn,
      recordedBy: demo.userId,
      today: day(when),
    });
    await demo.run(when, nonConformityDecider, stream, {
      type: 'SetActionPlan',
      actionPlan: found.actionPlan,
      writtenBy: demo.userId,
    });
    nonConformities.push({
      nonConformityId,
      indicator: found.indicator,
      recordedOn: day(when),
      request: {
        nonConformityId,
        requestId: newId(),
        title: found.title,
        requestedBy: demo.userId,
        indicator: found.indicator,
      },
    });
  }
  const surveillanceId = newId();
  // Month 16 after the certificate: inside the surveillance window.
  const surveillanceFrom = addCalendarDays(day(yearAgo), 487);
  await demo.run(demo.daysAgo(60), auditDecider, auditStream(surveillanceId), {
    type: 'PlanAudit',
    auditId: surveillanceId,
    kind: 'surveillance',
    certifierName: CERTIFIER,
    plannedFrom: surveillanceFrom,
    plannedTo: surveillanceFrom,
  });
  return { audits: 2, nonConformities };
};

/** Records a non-conformity's corrective-action request once its action is planned. */
export const recordNonConformityRequest = (demo: Demo, nc: DemoNonConformity) =>
  demo.run(
    onDay(demo, nc.recordedOn, 17),
    nonConformityActionDecider,
    nonConformityActionStream(nc.nonConformityId),
    { type: 'RequestCorrectiveAction', ...nc.request },
  );

/** Lifts the first non-conformity once its corrective action proved effective. */
export const closeNonConformity = (demo: Demo, nc: DemoNonConformity, on: string, evidence: string) =>
  demo.run(onDay(demo, on, 11), nonConformityDecider, nonConformityStream(nc.nonConformityId), {
    type: 'CloseNonConformity',
    closedOn: on,
    evidence,
    effective: true,
    closedBy: demo.userId,
    today: on,
  });
