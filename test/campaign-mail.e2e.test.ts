import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../scripts/build';
import { campaignStream } from '../services/campaign/events';
import { CAMPAIGN_LINK_KEY_PURPOSE, campaignLinkToken } from '../services/campaign/links';
import { startTestApp, type TestApp } from './support/app';
import {
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
  launchChromium,
  serve,
  signedInPhone,
  UI_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('campaign opt-out page on a phone');

describe.skipIf(!hasChromium)(title, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp({ env: { CAMPAIGN_SWEEP_MINUTES: '0' } });
    base = await serve(t);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await t?.stop();
  }, 60_000);

  it(
    'a respondent opens the link at the foot of a message, reads it in either language, confirms by keyboard and is told it is done',
    async () => {
      const { cookie } = await t.organisation('Formations Désinscription');
      const post = (url: string, payload: object) =>
        t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
      const action = await post('/api/training-actions', { title: 'Excel', category: 'training' });
      const session = await post(`/api/training-actions/${action.json().id}/sessions`, {
        title: 'Session de mars',
        startsOn: '2027-03-01',
        endsOn: '2027-03-05',
        site: 'Lyon',
      });
      const questionnaire = await post('/api/questionnaires', { fromTemplate: 'learner_end_of_session' });
      await t.runner.waitForPosition(await t.lastPosition(), UI_TIMEOUT);
      const planned = await post('/api/campaigns', {
        questionnaireId: questionnaire.json().id,
        audience: 'learner',
        target: { sessionId: session.json().id },
        send: { anchor: 'session_end', offsetDays: 0 },
      });
      const campaignId = planned.json().id as string;
      await post(`/api/campaigns/${campaignId}/respondents`, {
        respondents: [
          { email: 'zoe@example.fr', firstName: 'Zoé', lastName: 'Lefèvre' },
          { email: 'paul@example.fr', firstName: 'Paul', lastName: 'Martin' },
        ],
      });
      const added = (await t.store.readStream(campaignStream(campaignId))).find(
        (event) => event.type === 'CampaignRespondentAdded',
      )!;
      const respondentId = (added.data as { respondentId: string }).respondentId;
      const token = campaignLinkToken(
        t.vault.derivedKey(CAMPAIGN_LINK_KEY_PURPOSE),
        'personal',
        respondentId,
      );
      await t.runner.waitForPosition(await t.lastPosition(), UI_TIMEOUT);

      context = await browser.newContext({
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      context.setDefaultTimeout(UI_TIMEOUT);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));

      await page.goto(`${base}/a/${token}/opt-out`);
      await page.getByRole('heading', { level: 1, name: 'Ne plus recevoir de messages' }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      // Opening the page changes nothing (a mail scanner may follow the link).
      expect(
        (await t.store.readStream(campaignStream(campaignId))).some(
          (event) => event.type === 'CampaignRespondentOptedOut',
        ),
      ).toBe(false);

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Stop receiving messages' }).waitFor();
      await page.getByRole('button', { name: 'Passer en français' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ne plus recevoir de messages' }).waitFor();

      await page.getByRole('button', { name: 'Confirmer : ne plus recevoir de messages' }).focus();
      await page.keyboard.press('Enter');
      await page
        .getByRole('status')
        .filter({
          hasText:
            'C’est noté : Formations Désinscription ne vous enverra plus de messages pour cette enquête.',
        })
        .waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      const optedOut = (await t.store.readStream(campaignStream(campaignId))).filter(
        (event) => event.type === 'CampaignRespondentOptedOut',
      );
      expect(optedOut).toHaveLength(1);

      // A link that is not one (a typo, another key) says so and offers nothing to confirm.
      await page.goto(
        `${base}/a/${campaignLinkToken(Buffer.alloc(32, 3), 'personal', respondentId)}/opt-out`,
      );
      await page.getByRole('button', { name: 'Confirmer : ne plus recevoir de messages' }).click();
      await page.getByRole('heading', { level: 1, name: 'Lien introuvable' }).waitFor();
      await page.getByRole('alert').filter({ hasText: 'Ce lien n’existe pas.' }).waitFor();
      await expectAccessible(page);

      // The campaign's page says who asked for no more messages, and when the next messages go.
      await t.runner.waitForPosition(await t.lastPosition(), UI_TIMEOUT);
      const manager = await signedInPhone(browser, base, cookie, pageErrors);
      await manager.page.goto(`${base}/campaigns/${campaignId}`);
      await manager.page
        .getByText('Prochain envoi le 5 mars 2027, à partir de 9 h (heure de Paris).')
        .waitFor();
      await manager.page.getByRole('cell', { name: 'ne souhaite plus de messages' }).waitFor();
      await manager.page.getByRole('cell', { name: 'pas encore invitée' }).waitFor();
      await expectAccessible(manager.page);
      await expectNoHorizontalScroll(manager.page);
      await manager.context.close();
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
