import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../fixtures.js';
import { actorByEmail } from '../../src/platform/auth/service.js';
import { applications } from '../../src/modules/membership/schema.js';
import { voteOnApplication } from '../../src/modules/membership/applications.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

const EMAIL = 'aminata.sow@example.org';
const linkFrom = (text: string, re: RegExp) => text.match(re)![0];

async function continueStep(page: Page) {
  await page.locator('main form button[type="submit"]').first().click();
}

it('an individual applies in French with JavaScript off, is reviewed, approved, signs in and appears in the directory and on the map', async () => {
  // --- the applicant, JavaScript off, in French
  const applicant = await (await e.context({ javaScriptEnabled: false, locale: 'fr-FR' })).newPage();
  await applicant.goto('/fr/join');
  await applicant.locator('#f-kind-2').check(); // individual
  await applicant.locator('#f-email').fill(EMAIL);
  await continueStep(applicant);
  await applicant.waitForURL(/\/fr\/apply\/[\w-]+\/about-you$/);

  await applicant.locator('#f-name').fill('Aminata Sow');
  await applicant.locator('#f-role').check(); // researcher
  await applicant.locator('#f-affiliation').fill('Université de Dakar');
  await continueStep(applicant);
  await applicant.locator('#f-country').selectOption('SN');
  await continueStep(applicant);
  // A missing answer is shown with what was typed kept.
  await applicant.locator('#f-mandate').fill('Recherche sur la lecture au primaire.');
  await continueStep(applicant);
  expect(await applicant.locator('.error-summary').count()).toBe(1);
  expect(await applicant.locator('#f-mandate').inputValue()).toBe('Recherche sur la lecture au primaire.');
  await applicant.locator('#f-expertise').fill('Didactique de la lecture.');
  await applicant.locator('#f-trackRecord').fill('Études dans 40 écoles depuis 2018.');
  await applicant.locator('#f-areas-3').check(); // research on learning
  await continueStep(applicant);
  await applicant.locator('#f-languages-4').check(); // French
  await continueStep(applicant);
  await continueStep(applicant); // no document
  await applicant.locator('#f-consentTor').check();
  await applicant.locator('#f-consentPrivacy').check();
  await applicant.locator('#f-listed').check();
  await applicant.locator('#f-publicFields-2').check(); // country
  await continueStep(applicant);
  expect(await applicant.locator('main').textContent()).toContain('Aminata Sow');
  await continueStep(applicant); // submit
  expect(await applicant.locator('.banner').textContent()).toBeTruthy(); // confirm your address first

  // --- confirms the address from the e-mail
  const started = await e.lastMailTo(EMAIL);
  await applicant.goto(linkFrom(started!.text, /http:\/\/\S+\/fr\/apply\/confirm\/[\w-]+/));
  await continueStep(applicant);
  await applicant.waitForURL(/notice=submitted/);
  const [app] = await e.t.db.select().from(applications).where(eq(applications.email, EMAIL));
  expect(app!.status).toBe('submitted');

  // --- the Secretariat screens and asks for more information
  const secretariat = await (await e.signedInContext({ email: 'secretariat@alliance.example', roles: ['secretariat'] })).newPage();
  const decide = async (action: string, note = '') => {
    await secretariat.goto(`/en/admin/applications/${app!.id}`);
    await secretariat.locator(`input[name="action"][value="${action}"]`).check();
    if (note) await secretariat.locator('#f-note').fill(note);
    await secretariat.getByRole('button', { name: 'Record' }).click();
    await secretariat.waitForURL(new RegExp(`notice=${action}`));
  };
  await secretariat.goto('/en/admin/applications');
  expect(await secretariat.locator('main').textContent()).toContain('Aminata Sow');
  await decide('screen');
  await decide('request-info', 'Merci de préciser vos publications récentes.');

  // --- the applicant amends through the link in the new e-mail
  const info = await e.lastMailTo(EMAIL);
  expect(info!.text).toContain('Merci de préciser vos publications récentes.');
  await applicant.goto(linkFrom(info!.text, /http:\/\/\S+\/fr\/apply\/[\w-]+/));
  expect(await applicant.locator('.banner').first().textContent()).toContain('Merci de préciser');
  await applicant.locator('a[href$="/criteria"]').first().click();
  await applicant.locator('#f-trackRecord').fill('Études dans 40 écoles depuis 2018 ; deux articles en 2025.');
  await continueStep(applicant);
  await applicant.goto(applicant.url().replace(/\/[^/]+$/, ''));
  await applicant.locator('form[action$="/amend"] button').click();
  await applicant.waitForURL(/notice=amended/);

  // --- recommended; the Steering Committee endorses; the Secretariat approves
  await decide('recommend');
  const sc = await (await e.signedInContext({ email: 'amina.diallo@steering.example', roles: ['steering'] })).newPage();
  await sc.goto(`/en/steering/applications/${app!.id}`);
  expect(await sc.locator('main').textContent()).toContain('deux articles en 2025');
  await sc.locator('input[name="vote"][value="endorse"]').check();
  await sc.locator('#f-comment').fill('Solide.');
  await sc.getByRole('button', { name: 'Save my response' }).click();
  await sc.waitForURL(/notice=voted/);
  for (const email of ['li.wei@steering.example', 'maria.gonzalez@steering.example']) {
    await voteOnApplication(e.t.db, await actorByEmail(e.t.db, email), { id: app!.id, vote: 'endorse', comment: '' });
  }
  await decide('approve', 'Bienvenue !');

  // --- the new member signs in (JavaScript still off) and sees the membership
  const welcome = await e.lastMailTo(EMAIL);
  expect(welcome!.text).toContain('Bienvenue !');
  await applicant.goto('/fr/sign-in');
  await applicant.locator('#f-email').first().fill(EMAIL);
  await applicant.locator('form[action$="/sign-in/link"] button').click();
  const signIn = await e.lastMailTo(EMAIL);
  await applicant.goto(linkFrom(signIn!.text, /http:\/\/\S+\/sign-in\/link\/[\w-]+/));
  await continueStep(applicant);
  await applicant.goto('/fr/membership');
  expect(await applicant.locator('h1').textContent()).toBe('Aminata Sow');

  // --- in the directory and on the map
  await applicant.goto('/fr/members?q=Sow');
  expect(await applicant.locator('.directory').textContent()).toContain('Aminata Sow');
  expect(await applicant.locator('.directory').textContent()).toContain('Sénégal');
  await applicant.goto('/fr/members/map');
  expect(await applicant.locator('svg[role="img"] title', { hasText: 'Sénégal' }).count()).toBe(1);
  expect(await applicant.locator('table', { hasText: 'Sénégal' }).count()).toBeGreaterThan(0);
});
