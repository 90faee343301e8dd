import type { Browser, BrowserContext, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../scripts/build';
import { startTestApp, type TestApp } from './support/app';
import {
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
  launchChromium,
  PHONE,
  serve,
  UI_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('browser journey');

describe.skipIf(!hasChromium)(title, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  /** A browser context whose every wait is generous, and whose script errors fail the test. */
  const newContext = async (options: Parameters<Browser['newContext']>[0] = {}) => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', ...options });
    context.setDefaultTimeout(UI_TIMEOUT);
    context.setDefaultNavigationTimeout(UI_TIMEOUT);
    context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(error.message)));
    contexts.push(context);
    return context;
  };

  /** A signed-in staff member's context, from a session cookie made through the API. */
  const signedIn = async (cookie: string, options: Parameters<Browser['newContext']>[0] = {}) => {
    const context = await newContext(options);
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    return context;
  };

  /** Sends a command as the organisation and waits until the read models include it. */
  const post = async <Answer>(cookie: string, url: string, payload: object): Promise<Answer> => {
    const response = await t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
    expect(response.statusCode, response.body).toBeLessThan(300);
    const body = response.json() as Answer & { position?: number };
    // Public answers do not tell their position: wait for the newest event instead.
    const position = typeof body.position === 'number' ? body.position : await t.lastPosition();
    await t.runner.waitForPosition(position, UI_TIMEOUT);
    return body;
  };

  /** An organisation with a training action and sessions, made through the API (no UI, no waiting on it). */
  const organisationWithSessions = async (name: string, sessionTitles: string[]) => {
    const { cookie } = await t.organisation(name);
    const action = await post<{ id: string }>(cookie, '/api/training-actions', {
      title: 'Gestion de projet agile',
      category: 'training',
      certifying: false,
    });
    const sessions: { id: string; title: string }[] = [];
    for (const [index, sessionTitle] of sessionTitles.entries()) {
      const day = String(index + 1).padStart(2, '0');
      const session = await post<{ id: string }>(cookie, `/api/training-actions/${action.id}/sessions`, {
        title: sessionTitle,
        startsOn: `2026-04-${day}`,
        endsOn: `2026-04-${day}`,
        site: 'Nantes',
      });
      sessions.push({ id: session.id, title: sessionTitle });
    }
    return { cookie, actionId: action.id, sessions };
  };

  // Playwright gives every launch a fresh, temporary user-data directory.
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp();
    base = await serve(t);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await t?.stop();
  }, 60_000);

  it(
    'a quality manager opens a feedback link; a learner answers on a phone through a busy server; the answer is evidence for indicator 30',
    async () => {
      const desk = await newContext();
      const manager = await desk.newPage();
      await manager.goto(`${base}${t.setupPath}`);
      await manager.getByLabel("Nom de l'organisme").fill('Formations Dupont');
      await manager.getByLabel('Votre nom').fill('Alice Martin');
      await manager.getByLabel('Adresse e-mail').fill('alice@dupont-formations.example');
      await manager.getByLabel('Mot de passe', { exact: true }).fill('un mot de passe solide');
      await manager.getByLabel('Confirmer le mot de passe').fill('un mot de passe solide');
      await manager.getByRole('button', { name: "Créer l'organisme" }).click();
      // Signing up hashes a password with argon2: slow on a loaded machine.
      await manager.waitForURL(`${base}/`);
      await manager.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
      await expectAccessible(manager);

      await manager.getByRole('link', { name: 'Actions de formation' }).click();
      await manager.getByRole('heading', { level: 1, name: 'Actions de formation' }).waitFor();
      await manager.getByLabel('Intitulé').fill('Excel — perfectionnement');
      await manager.getByLabel('Catégorie').selectOption('training');
      await manager.getByRole('button', { name: "Créer l'action" }).click();
      await manager.getByText('Action de formation « Excel — perfectionnement » créée.').waitFor();
      await expectAccessible(manager);
      await manager.getByRole('link', { name: 'Excel — perfectionnement' }).click();
      await manager.getByRole('heading', { level: 1, name: 'Excel — perfectionnement' }).waitFor();

      await manager.getByLabel('Intitulé').fill('Session de mars');
      await manager.getByLabel('Date de début').fill('2026-03-02');
      await manager.getByLabel('Date de fin').fill('2026-03-04');
      await manager.getByLabel('Lieu').fill('Lyon 3e');
      await manager.getByRole('button', { name: 'Créer la session' }).click();
      await manager.getByText('Session « Session de mars » créée.').waitFor();
      // The only session is expanded: its feedback block is there at once.
      await manager.getByRole('button', { name: 'Ouvrir un lien de recueil des appréciations' }).click();
      const feedbackUrl = await manager.getByTestId('feedback-url').inputValue();
      expect(feedbackUrl).toMatch(/\/f\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
      await expectAccessible(manager);

      const phone = await newContext(PHONE);
      const learner = await phone.newPage();
      // Alerts come and go (a retry replaces them): keep every one shown, with the form as it was then.
      await learner.addInitScript(() => {
        const seen: { alert: string; rating: string | null; comment: string | null }[] = [];
        Object.assign(window, { shownAlerts: seen });
        new MutationObserver(() => {
          for (const alert of document.querySelectorAll('[role="alert"]')) {
            const text = alert.textContent ?? '';
            if (text && !seen.some((entry) => entry.alert === text)) {
              seen.push({
                alert: text,
                rating:
                  document.querySelector<HTMLInputElement>('input[name="rating"]:checked')?.value ?? null,
                comment: document.querySelector<HTMLTextAreaElement>('#feedback-comment')?.value ?? null,
              });
            }
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
      // The server is busy (429), then briefly unavailable (503), then answers: what was sent each time.
      const sent: unknown[] = [];
      const answers = [
        { status: 429, code: 'rate_limited', message: 'Too many requests' },
        { status: 503, code: 'database_unavailable', message: 'The service is briefly unavailable' },
      ];
      await learner.route('**/api/public/feedback/*', async (route: Route) => {
        if (route.request().method() !== 'POST') return route.continue();
        sent.push(route.request().postDataJSON());
        const answer = answers.shift();
        if (!answer) return route.continue();
        return route.fulfill({
          status: answer.status,
          headers: { 'retry-after': '1' },
          contentType: 'application/json',
          body: JSON.stringify({
            code: answer.code,
            message: answer.message,
            details: { retryAfterSeconds: 1 },
          }),
        });
      });

      await learner.goto(feedbackUrl);
      await learner.getByRole('heading', { level: 1, name: 'Votre appréciation' }).waitFor();
      await learner.getByText('Excel — perfectionnement').waitFor();
      await expectAccessible(learner);
      await expectNoHorizontalScroll(learner);
      await learner.getByLabel('5 — Très satisfait').check();
      await learner.getByLabel('Commentaire (facultatif)').fill('Formatrice claire, exercices utiles');
      await learner.getByRole('button', { name: 'Envoyer mon appréciation' }).click();

      // 429: the page says when, tries again by itself once; that try meets a 503 and waits for the learner.
      const unavailable = learner.getByRole('alert').filter({ hasText: 'momentanément indisponible' });
      await unavailable.waitFor();
      expect(await unavailable.textContent()).toContain('Réessayez dans 1 seconde.');
      expect(await unavailable.textContent()).toContain('Votre réponse est conservée');
      expect(await learner.getByLabel('5 — Très satisfait').isChecked()).toBe(true);
      expect(await learner.getByLabel('Commentaire (facultatif)').inputValue()).toBe(
        'Formatrice claire, exercices utiles',
      );
      await expectAccessible(learner);
      await expectNoHorizontalScroll(learner);
      const shown = (await learner.evaluate(
        () => (window as unknown as { shownAlerts: unknown[] }).shownAlerts,
      )) as {
        alert: string;
        rating: string | null;
        comment: string | null;
      }[];
      expect(shown[0]?.alert).toContain('Trop de demandes en peu de temps. Réessayez dans 1 seconde.');
      expect(shown[0]?.alert).toContain('Nouvel essai automatique dans 1 seconde.');
      expect(shown[0]).toMatchObject({ rating: '5', comment: 'Formatrice claire, exercices utiles' });

      await learner.getByRole('button', { name: 'Réessayer maintenant' }).click();
      await learner.getByRole('status').filter({ hasText: 'Merci' }).waitFor();
      // Three sends of one answer: same submission id (so it is recorded once), same rating and comment.
      expect(sent).toHaveLength(3);
      expect(new Set(sent.map((body) => JSON.stringify(body))).size).toBe(1);
      expect(sent[0]).toMatchObject({ rating: 5, comment: 'Formatrice claire, exercices utiles' });

      // The answer reaches the read models asynchronously: reload until the timeline shows it, newest first.
      await expect
        .poll(
          async () => {
            await manager.goto(`${base}/evidence?indicator=30`);
            await manager.getByRole('heading', { level: 2, name: /preuves? pour l'indicateur 30/ }).waitFor();
            return (await manager.getByTestId('evidence-item').first().textContent()) ?? '';
          },
          { timeout: UI_TIMEOUT, interval: 500 },
        )
        .toContain('Formatrice claire, exercices utiles');
      await expectAccessible(manager);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the evidence page lists the indicators in force with their titles, newest first or oldest first, and an inverted period shows only its error',
    async () => {
      const { cookie, sessions } = await organisationWithSessions('Formations Horizon', ['Session unique']);
      const link = await post<{ token: string }>(cookie, `/api/sessions/${sessions[0]!.id}/feedback-links`, {
        audience: 'learner',
      });
      await post('', `/api/public/feedback/${link.token}`, {
        submissionId: '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e',
        rating: 4,
        comment: 'Très concret',
      });
      const inForce = await t.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { cookie },
        payload: { query: '{ referential { criteria { indicators { number } } } }' },
      });
      const indicatorCount = (
        inForce.json() as { data: { referential: { criteria: { indicators: unknown[] }[] } } }
      ).data.referential.criteria.flatMap((criterion) => criterion.indicators).length;

      const manager = await (await signedIn(cookie)).newPage();
      await manager.goto(`${base}/evidence?indicator=30`);
      const items = manager.getByTestId('evidence-item');
      await expect.poll(() => items.count(), { timeout: UI_TIMEOUT }).toBe(2);
      expect(await items.nth(0).textContent()).toContain('Appréciation reçue (apprenants) : 4/5');
      expect(await items.nth(1).textContent()).toContain('Recueil des appréciations ouvert');
      const options = manager.getByLabel('Indicateur', { exact: true }).locator('option');
      expect(await options.count()).toBe(indicatorCount);
      expect(
        await manager.getByLabel('Indicateur', { exact: true }).locator('option:checked').textContent(),
      ).toBe(
        'Indicateur 30 — Le prestataire recueille les appréciations des parties prenantes : bénéficiaires, financeurs, équipes pédagogiques et entreprises concernées.',
      );
      await expectAccessible(manager);

      await manager.getByLabel('Ordre').selectOption({ label: "Les plus anciennes d'abord" });
      await manager.getByRole('button', { name: 'Afficher' }).click();
      await manager.waitForURL(/order=oldest/);
      await manager
        .getByRole('list', { name: "Chronologie des preuves, les plus anciennes d'abord" })
        .waitFor();
      expect(await items.nth(0).textContent()).toContain('Recueil des appréciations ouvert');

      await manager.getByLabel('Du', { exact: true }).fill('2026-03-10');
      await manager.getByLabel('Au', { exact: true }).fill('2026-03-01');
      await manager.getByRole('button', { name: 'Afficher' }).click();
      await manager.waitForURL(/from=2026-03-10/);
      await manager
        .getByText('La date « Au » doit être identique ou postérieure à la date « Du ».')
        .waitFor();
      expect(await items.count()).toBe(0);
      expect(await manager.getByRole('heading', { level: 2, name: /pour l'indicateur/ }).count()).toBe(0);
      await expectAccessible(manager);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a training action with many sessions lists them folded, the Clore button is a 44 px target, and a closed link names the organisation to the learner',
    async () => {
      const titles = ['Session 1', 'Session 2', 'Session 3', 'Session 4', 'Session 5', 'Session 6'];
      const { cookie, actionId, sessions } = await organisationWithSessions('Formations Lumière', titles);
      const link = await post<{ token: string }>(cookie, `/api/sessions/${sessions[0]!.id}/feedback-links`, {
        audience: 'funder',
      });

      const manager = await (await signedIn(cookie)).newPage();
      await manager.goto(`${base}/actions/${actionId}`);
      await manager.getByRole('heading', { level: 1, name: 'Gestion de projet agile' }).waitFor();
      const opener = manager.getByRole('button', { name: 'Ouvrir un lien de recueil des appréciations' });
      expect(await manager.getByRole('button', { name: /^Session \d$/ }).count()).toBe(6);
      expect(await opener.count()).toBe(0);
      const height = await manager.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeLessThan(2500);
      await expectAccessible(manager);

      const first = manager.getByRole('button', { name: 'Session 1' });
      await first.click();
      expect(await first.getAttribute('aria-expanded')).toBe('true');
      await opener.first().waitFor();
      expect(await opener.count()).toBe(1);
      const close = manager.getByRole('button', { name: /Clore le lien ouvert le/ });
      const box = await close.boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(44);
      expect(box?.height).toBeGreaterThanOrEqual(44);
      await expectAccessible(manager);

      manager.once('dialog', (dialog) => void dialog.accept());
      await close.click();
      await expect.poll(() => close.count(), { timeout: UI_TIMEOUT }).toBe(0);
      await manager.getByText('Clos', { exact: true }).waitFor();

      const learner = await (await newContext(PHONE)).newPage();
      await learner.goto(`${base}/f/${link.token}`);
      await learner.getByRole('heading', { level: 1, name: 'Recueil clos' }).waitFor();
      expect(await learner.getByRole('alert').textContent()).toContain('contactez Formations Lumière.');
      await expectAccessible(learner);
      await expectNoHorizontalScroll(learner);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'on a phone, a manager corrects an action (a stale page answers a conflict and keeps what was typed) and a session with a reason, sees who did it in the history, cancels the session after a confirmation, and archives the action out of the list',
    async () => {
      const { cookie, actionId, sessions } = await organisationWithSessions('Formations Rivière', [
        'Session de juin',
      ]);
      const link = await post<{ token: string }>(cookie, `/api/sessions/${sessions[0]!.id}/feedback-links`, {
        audience: 'learner',
      });
      const manager = await (await signedIn(cookie, PHONE)).newPage();
      await manager.goto(`${base}/actions/${actionId}`);
      await manager.getByRole('heading', { level: 1, name: 'Gestion de projet agile' }).waitFor();
      await manager.getByRole('button', { name: "Modifier l'action" }).click();
      await manager.getByLabel('Nouveau titre').fill('Gestion de projet agile — Scrum');
      await manager.locator('#action-rename-reason').fill('Intitulé du nouveau catalogue');
      // Someone else renames the action meanwhile: the page's revision is stale, the server answers 409.
      await post(cookie, `/api/training-actions/${actionId}/rename`, { title: 'Gestion de projet (v2)' });
      await manager.getByRole('button', { name: 'Renommer', exact: true }).click();
      await manager
        .getByRole('alert')
        .filter({ hasText: "Quelqu'un a modifié cet enregistrement entre-temps" })
        .waitFor();
      await manager.getByRole('heading', { level: 1, name: 'Gestion de projet (v2)' }).waitFor();
      expect(await manager.getByLabel('Nouveau titre').inputValue()).toBe('Gestion de projet agile — Scrum');
      await manager.getByRole('button', { name: 'Renommer', exact: true }).click();
      await manager.getByRole('heading', { level: 1, name: 'Gestion de projet agile — Scrum' }).waitFor();
      await manager.getByRole('status').filter({ hasText: 'Modification enregistrée.' }).waitFor();
      const history = manager.getByRole('list', { name: "Historique de l'action" });
      await history.getByText('Renommée : « Gestion de projet agile — Scrum »').waitFor();
      expect(await history.textContent()).toContain('par Admin Formations Rivière');
      expect(await history.textContent()).toContain('Motif : Intitulé du nouveau catalogue');
      await expectAccessible(manager);
      await expectNoHorizontalScroll(manager);

      await manager
        .getByRole('link', { name: /Modifier, annuler ou voir l’historique de la session/ })
        .click();
      await manager.getByRole('heading', { level: 1, name: 'Session de juin' }).waitFor();
      await manager.getByLabel('Date de début').fill('2026-06-08');
      await manager.getByLabel('Date de fin').fill('2026-06-09');
      await manager.locator('#session-reschedule-reason').fill('Grève des transports');
      await manager.getByRole('button', { name: 'Enregistrer les dates' }).click();
      const sessionHistory = manager.getByRole('list', { name: 'Historique de la session' });
      await sessionHistory.getByText('Nouvelles dates : du 8 juin 2026 au 9 juin 2026').waitFor();
      await expectAccessible(manager);
      await expectNoHorizontalScroll(manager);

      // A cancellation needs its reason, then a confirmation.
      const cancel = manager.getByRole('button', { name: 'Annuler la session' });
      const box = await cancel.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
      await cancel.click();
      await manager.locator('#session-cancel-reason-error').waitFor();
      await manager.locator('#session-cancel-reason').fill('Formateur indisponible');
      manager.once('dialog', (dialog) => void dialog.accept());
      await cancel.click();
      await manager.getByText('Cette session est annulée', { exact: false }).first().waitFor();
      await sessionHistory.getByText('Motif : Formateur indisponible').waitFor();
      await expectAccessible(manager);

      const learner = await (await newContext(PHONE)).newPage();
      await learner.goto(`${base}/f/${link.token}`);
      await learner.getByRole('heading', { level: 1, name: 'Session annulée' }).waitFor();
      expect(await learner.getByRole('alert').textContent()).toContain('contactez Formations Rivière.');

      await manager.goto(`${base}/actions/${actionId}`);
      await manager.getByRole('button', { name: "Modifier l'action" }).click();
      await manager.getByRole('button', { name: "Archiver l'action" }).click();
      await manager.getByRole('status').filter({ hasText: 'Action archivée.' }).waitFor();
      await manager.goto(`${base}/actions`);
      await manager.getByText("Aucune action de formation pour l'instant", { exact: false }).waitFor();
      await manager.getByLabel('Afficher aussi les actions archivées').check();
      await manager.getByRole('link', { name: 'Gestion de projet agile — Scrum' }).waitFor();
      await manager.getByText('Archivée', { exact: true }).waitFor();
      await expectAccessible(manager);
      await expectNoHorizontalScroll(manager);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
