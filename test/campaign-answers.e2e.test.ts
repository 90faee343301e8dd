import { sql } from 'kysely';
import type { Browser, BrowserContext, Route } from 'playwright-core';
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
} from './support/browser';

const title = browserSuiteTitle('a campaign survey on a phone');
const PHONE_390 = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe.skipIf(!hasChromium)(title, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let cookie: string;
  let context: BrowserContext | undefined;
  const pageErrors: string[] = [];

  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });

  /** A campaign of the "à chaud" template for a new session, with one respondent; their personal link. */
  const campaign = async (label: string) => {
    const action = await post('/api/training-actions', { title: `Excel ${label}`, category: 'training' });
    const session = await post(`/api/training-actions/${action.json().id}/sessions`, {
      title: label,
      startsOn: '2026-11-02',
      endsOn: '2026-11-06',
      site: 'Lyon',
    });
    const questionnaire = await post('/api/questionnaires', { fromTemplate: 'learner_end_of_session' });
    const planned = await post('/api/campaigns', {
      questionnaireId: questionnaire.json().id,
      audience: 'learner',
      target: { sessionId: session.json().id },
      send: { anchor: 'session_end', offsetDays: 0 },
      reminders: 1,
      reminderGapDays: 3,
      openDays: 180,
    });
    const campaignId: string = planned.json().id;
    await post(`/api/campaigns/${campaignId}/respondents`, {
      respondents: [{ email: `${label.toLowerCase()}@example.fr`, firstName: 'Léa', lastName: 'Martin' }],
    });
    const added = (await t.store.readStream(campaignStream(campaignId))).find(
      (event) => event.type === 'CampaignRespondentAdded',
    )!;
    const respondentId = (added.data as { respondentId: string }).respondentId;
    await t.runner.waitForPosition(await t.lastPosition(), 10_000);
    const token = campaignLinkToken(t.vault.derivedKey(CAMPAIGN_LINK_KEY_PURPOSE), 'personal', respondentId);
    return { campaignId, url: `${base}/a/${token}` };
  };

  const storedAnswers = async (campaignId: string) =>
    (
      await sql<{ count: string }>`
        SELECT count(*) AS count FROM es_events
        WHERE type = 'CampaignAnswerSubmitted' AND data->>'campaignId' = ${campaignId}
      `.execute(t.database.db)
    ).rows.map((row) => Number(row.count))[0];

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp();
    base = await serve(t);
    browser = await launchChromium();
    ({ cookie } = await t.organisation('Formations Horizon'));
  }, 180_000);
  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await t?.stop();
  }, 60_000);

  it(
    'a learner answers on a 390 px screen: progress, a draft that survives a reload and a network error, one answer stored',
    async () => {
      const { campaignId, url } = await campaign('Novembre');
      context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', ...PHONE_390 });
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));

      await page.goto(url);
      await page
        .getByRole('heading', { level: 1, name: 'Votre avis sur la formation (fin de session)' })
        .waitFor();
      await page.getByText('0 question(s) répondue(s) sur').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      const overall = page.getByRole('group', { name: /^1\./ });
      await overall.getByLabel('5 — Très satisfait').check();
      await page.getByText('1 question(s) répondue(s) sur').waitFor();

      // A reload keeps what was chosen, and says so.
      await page.reload();
      await page.getByText('Vos réponses en cours ont été retrouvées sur cet appareil.').waitFor();
      expect(
        await page.getByRole('group', { name: /^1\./ }).getByLabel('5 — Très satisfait').isChecked(),
      ).toBe(true);

      // Sending with required questions left: the first one is named and focused, nothing is sent.
      await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await page.getByText('Certaines réponses sont à compléter ou corriger').waitFor();
      expect(await storedAnswers(campaignId)).toBe(0);
      await expectAccessible(page);

      for (const group of await page.locator('fieldset.survey-question').all()) {
        const legend = (await group.locator('legend').textContent()) ?? '';
        if (!legend.includes('(obligatoire)')) continue;
        const options = group.locator('input');
        if (!(await options.first().isChecked())) await options.nth((await options.count()) - 1).check();
      }
      await page.getByLabel(/Qu’avez-vous le plus apprécié/).fill('Les cas pratiques');

      // The network fails once: the answers stay, and the second try records them once.
      let failures = 0;
      await page.route('**/api/public/answers/*', async (route: Route) => {
        if (route.request().method() === 'POST' && failures++ === 0)
          return route.abort('internetdisconnected');
        return route.continue();
      });
      await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await page.getByRole('alert').filter({ hasText: 'Votre réponse est conservée' }).waitFor();
      expect(await page.getByLabel(/Qu’avez-vous le plus apprécié/).inputValue()).toBe('Les cas pratiques');
      await page.getByRole('button', { name: 'Réessayer maintenant' }).click();
      await page.getByText('Merci ! Vos réponses ont bien été enregistrées.').waitFor();
      await expectAccessible(page);
      expect(await storedAnswers(campaignId)).toBe(1);

      // Opening the link again: already answered, kindly, naming the organisation; the draft is gone.
      await page.unroute('**/api/public/answers/*');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Déjà répondu' }).waitFor();
      await page
        .getByText('Vous avez déjà répondu à ce questionnaire de Formations Horizon : merci !')
        .waitFor();
      expect(
        await page.evaluate(() =>
          Object.keys(localStorage).filter((key) => key.startsWith('qualiopi.survey.')),
        ),
      ).toEqual([]);
      expect(await storedAnswers(campaignId)).toBe(1);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'switches the survey to English, and shows a closed survey with whom to contact',
    async () => {
      const { campaignId, url } = await campaign('Décembre');
      const page = await (
        await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', ...PHONE_390 })
      ).newPage();
      await page.goto(url);
      await page
        .getByRole('heading', { level: 1, name: 'Votre avis sur la formation (fin de session)' })
        .waitFor();
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('button', { name: 'Send my answers' }).waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Passer en français' }).click();

      expect((await post(`/api/campaigns/${campaignId}/close`, {})).statusCode).toBe(200);
      await t.runner.waitForPosition(await t.lastPosition(), 10_000);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Questionnaire clos' }).waitFor();
      await page
        .getByText(
          'Ce questionnaire est clos : il ne reçoit plus de réponses. Pour toute question, contactez Formations Horizon.',
        )
        .waitFor();
      await expectAccessible(page);
      await page.context().close();
    },
    JOURNEY_TIMEOUT,
  );
});
