import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const title = hasChromium
  ? 'browser journey in Chromium'
  : `browser journey (skipped: no Chromium at ${chromiumPath}; install it with apt-get install -y chromium or set CHROMIUM_PATH)`;

const expectAccessible = async (page: Page) => {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
};

describe.skipIf(!hasChromium)(title, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  // Playwright gives every launch a fresh, temporary user-data directory.
  beforeAll(async () => {
    if (!existsSync('web/dist/index.html'))
      execSync('npx vite build --config web/vite.config.ts', { stdio: 'ignore' });
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('a quality manager opens a feedback link; a learner answers on a phone; the answer is evidence for indicator 30', async () => {
    const desk = await browser.newContext();
    const manager = await desk.newPage();
    await manager.goto(`${base}${t.setupPath}`);
    await manager.getByLabel("Nom de l'organisme").fill('Formations Dupont');
    await manager.getByLabel('Votre nom').fill('Alice Martin');
    await manager.getByLabel('Adresse e-mail').fill('alice@dupont-formations.example');
    await manager.getByLabel('Mot de passe', { exact: true }).fill('un mot de passe solide');
    await manager.getByLabel('Confirmer le mot de passe').fill('un mot de passe solide');
    await manager.getByRole('button', { name: "Créer l'organisme" }).click();
    await expect.poll(() => manager.url(), { timeout: 20_000 }).toBe(`${base}/`);
    await expectAccessible(manager);

    await manager.goto(`${base}/actions`);
    await manager.getByLabel('Intitulé').fill('Excel — perfectionnement');
    await manager.getByLabel('Catégorie').selectOption('training');
    await manager.getByRole('button', { name: "Créer l'action" }).click();
    await manager.getByRole('link', { name: 'Excel — perfectionnement' }).click();
    await manager.getByRole('heading', { name: 'Excel — perfectionnement' }).waitFor();
    const actionUrl = manager.url();

    await manager.getByLabel('Intitulé').fill('Session de mars');
    await manager.getByLabel('Date de début').fill('2026-03-02');
    await manager.getByLabel('Date de fin').fill('2026-03-04');
    await manager.getByLabel('Lieu').fill('Lyon 3e');
    await manager.getByRole('button', { name: 'Créer la session' }).click();
    await manager.getByRole('button', { name: 'Ouvrir un lien de recueil des appréciations' }).click();
    const feedbackUrl = await manager.getByTestId('feedback-url').inputValue();
    expect(feedbackUrl).toMatch(/\/f\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);

    const phone = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const learner = await phone.newPage();
    await learner.goto(feedbackUrl);
    await expect
      .poll(() => learner.getByText('Excel — perfectionnement').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expectAccessible(learner);
    const overflow = await learner.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await learner.getByLabel('5 — Très satisfait').check();
    await learner.getByLabel('Commentaire (facultatif)').fill('Formatrice claire, exercices utiles');
    await learner.getByRole('button', { name: 'Envoyer mon appréciation' }).click();
    await expect
      .poll(() => learner.getByRole('status').textContent(), { timeout: 20_000 })
      .toContain('Merci');
    await phone.close();

    // The answer reaches the read models asynchronously: reload until the timeline shows it.
    await expect
      .poll(
        async () => {
          await manager.goto(`${base}/evidence?indicator=30`);
          await manager.getByTestId('evidence-item').first().waitFor();
          return (await manager.getByTestId('evidence-item').allTextContents()).join('\n');
        },
        { timeout: 15_000 },
      )
      .toContain('Formatrice claire, exercices utiles');
    await expectAccessible(manager);

    // Closing the link stops further answers.
    await manager.goto(actionUrl);
    manager.once('dialog', (dialog) => dialog.accept());
    await manager.getByRole('button', { name: /Clore le lien ouvert le/ }).click();
    await expect
      .poll(() => manager.getByRole('button', { name: /Clore le lien ouvert le/ }).count(), {
        timeout: 20_000,
      })
      .toBe(0);
    const token = feedbackUrl.split('/f/')[1]!;
    const closed = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${token}` });
    expect(closed.json().code).toBe('feedback_link_closed');
  });
});
