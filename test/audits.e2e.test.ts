import { describe, expect, it } from 'vitest';
import { addMonths } from '../services/audits/cycle';
import { parisDate } from '../services/kernel/paris-time';
import { addCalendarDays } from '../services/kernel/working-days';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('audits and the calendar on a phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'a surveillance audit is held, one major and two minors are recorded from it, the calendar shows their deadlines',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Certifiées');
      const today = parisDate(new Date());
      const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
      // A certificate issued 18 months ago: today is inside the surveillance window.
      const issuedOn = addMonths(today, -18);
      const certificate = await post(
        '/api/organisation/certification',
        {
          certifierName: 'Certif Exemple',
          certificateNumber: 'Q-1',
          issuedOn,
          expiresOn: addMonths(issuedOn, 36),
        },
        { 'if-match': '-1' },
      );
      expect(certificate.statusCode, certificate.body).toBe(200);
      const yesterday = addCalendarDays(today, -1);
      const planned = await post('/api/audits', {
        kind: 'surveillance',
        certifierName: 'Certif Exemple',
        plannedFrom: yesterday,
        plannedTo: today,
      });
      expect(planned.statusCode, planned.body).toBe(201);
      const auditId = planned.json().id;
      // The renewal audit, booked in 30 days: the minors still open will be warned of.
      const renewalOn = addCalendarDays(today, 30);
      await post('/api/audits', {
        kind: 'renewal',
        certifierName: 'Certif Exemple',
        plannedFrom: renewalOn,
        plannedTo: renewalOn,
      });

      const page = await suite.phone({ cookie });
      await page.goto(`${base}/audits/${auditId}`);
      await page.getByRole('heading', { level: 1, name: 'Audit de surveillance — Certif Exemple' }).waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Audit réalisé' }).click();
      await page.getByRole('status').filter({ hasText: 'Audit enregistré comme réalisé.' }).waitFor();
      await page.getByTestId('audit-status').filter({ hasText: 'Réalisé' }).waitFor();

      const record = async (indicator: string, grade: 'Majeure' | 'Mineure', finding: string) => {
        await page.getByLabel('Indicateur (1 à 32)').fill(indicator);
        await page.getByLabel('Gravité').selectOption({ label: grade });
        await page.getByLabel('Constat').fill(finding);
        await page.getByRole('button', { name: 'Enregistrer la non-conformité' }).click();
        await page
          .getByRole('heading', {
            level: 3,
            name: `Indicateur ${indicator} — non-conformité ${grade.toLowerCase()}`,
          })
          .waitFor();
      };
      // A minor on a major-only indicator is refused with a clear message.
      await page.getByLabel('Indicateur (1 à 32)').fill('22');
      await page.getByLabel('Gravité').selectOption({ label: 'Mineure' });
      await page.getByLabel('Constat').fill('Référent handicap non formé');
      await page.getByRole('button', { name: 'Enregistrer la non-conformité' }).click();
      await page.getByRole('alert').filter({ hasText: 'Cet indicateur est « majeur uniquement »' }).waitFor();
      await page.getByLabel('Gravité').selectOption({ label: 'Majeure' });
      await page.getByRole('button', { name: 'Enregistrer la non-conformité' }).click();
      await page.getByRole('heading', { level: 3, name: 'Indicateur 22 — non-conformité majeure' }).waitFor();
      await record('12', 'Mineure', 'Mesures contre l’abandon non appliquées');
      await record('30', 'Mineure', 'Financeurs jamais sollicités');
      await expect.poll(() => page.getByTestId('non-conformity').count()).toBe(3);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.goto(`${base}/audits`);
      await page.getByRole('heading', { level: 1, name: 'Cycle de certification et audits' }).waitFor();
      const warnings = page.getByTestId('audits-warnings');
      await warnings.locator('[data-warning="minor_open_at_next_audit"]').waitFor();
      expect(await warnings.locator('li').count()).toBe(1);
      await warnings.getByText('2 non-conformité(s) mineure(s) encore ouverte(s)').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.goto(`${base}/calendar?from=${today}`);
      await page.getByRole('heading', { level: 1, name: 'Échéancier' }).waitFor();
      const major = page.locator(`li[data-kind="nc_deadline"][data-date="${addMonths(today, 3)}"]`);
      const minors = page.locator(`li[data-kind="nc_deadline"][data-date="${addMonths(today, 6)}"]`);
      await major.filter({ hasText: 'indicateur 22' }).waitFor();
      await expect.poll(() => minors.count()).toBe(2);
      await minors.filter({ hasText: 'indicateur 12' }).waitFor();
      await minors.filter({ hasText: 'indicateur 30' }).waitFor();
      await page.locator(`li[data-kind="audit_planned"][data-date="${renewalOn}"]`).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.goto(`${base}/`);
      await page.getByTestId('next-due').locator(`li[data-date="${renewalOn}"]`).waitFor();
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
