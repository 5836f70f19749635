import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startE2E, type E2E } from '../fixtures.js';
import { demoCallYear } from '../../src/modules/publications/seed.js';

let e: E2E;
let editor: BrowserContext;
beforeAll(async () => {
  e = await startE2E();
  editor = await e.signedInContext({ email: 'secretariat@alliance.example', roles: ['secretariat'] });
});
afterAll(() => e.close());

const TITLE = 'Les devoirs à la maison à l’école primaire : ce que disent les preuves';

/** Takes one of the editor's steps on the item's page, with a note when given. */
async function step(page: Page, key: string, action: string, note = '') {
  await page.goto(`/en/admin/publications/${key}`);
  const form = page.locator(`form[action$="/steps/${action}"]`);
  if (note) await form.locator('textarea').fill(note);
  await form.locator('button').click();
  await page.waitForURL(new RegExp(`/en/admin/publications/${key}(\\?|$)`));
}

async function invite(page: Page, key: string, email: string, name: string) {
  await page.goto(`/en/admin/publications/${key}`);
  await page.locator('#f-invite-email').fill(email);
  await page.locator('#f-invite-name').fill(name);
  await page.locator('form[action$="/reviewers"] button').click();
}

/** A reviewer opens their invitation from their list of reviews. */
async function openInvitation(email: string): Promise<Page> {
  const page = await (await e.signedInContext({ email })).newPage();
  await page.goto('/en/publications/reviews');
  await page.locator('main table a').first().click();
  await page.locator('h1').waitFor();
  return page;
}

it('an expert submits a brief in French with JavaScript off; an editor has it reviewed (a conflict declared is refused), asks for a revision, and publishes it; it is in the feed, in OAI-PMH and citable', async () => {
  // The author, with JavaScript off, in French, through the open call.
  const author = await (await e.signedInContext({ email: 'auteure@example.org', name: 'Fatou Sarr' }, { javaScriptEnabled: false, locale: 'fr-SN' })).newPage();
  await author.goto('/fr/publications/calls');
  await author.locator(`a[href="/fr/publications/calls/compendium-${demoCallYear()}-call/submit"]`).click();
  await author.locator('#f-title').fill(TITLE);
  // A mistake first: the form comes back with what was typed.
  await author.locator('main form button[type="submit"]').click();
  expect(await author.locator('.error-summary').count()).toBe(1);
  expect(await author.locator('#f-title').inputValue()).toBe(TITLE);
  await author.locator('#f-locale').selectOption('fr');
  await author.locator('#f-abstract').fill('Une synthèse des études sur les devoirs à l’école primaire, et ce qu’elles recommandent aux ministères.');
  await author.locator('#f-summary').fill('Les devoirs courts et réguliers aident un peu ; les longs devoirs n’aident pas.');
  await author.locator('#f-keywords').fill('devoirs, école primaire, apprentissage');
  await author.locator('#f-authors').fill('Fatou Sarr (Université Gaston Berger)');
  await author.locator('#f-audiences').check();
  await author.locator('#f-body').fill('## Ce que disent les études\n\nDes devoirs courts, corrigés en classe.');
  await author.locator('main form button[type="submit"]').click();
  await author.waitForURL(/\/fr\/publications\/mine\/ci\d{4}-\d+/);
  const key = author.url().match(/mine\/(ci\d{4}-\d+)/)![1]!;
  expect(await author.locator('main').innerText()).toContain('Soumise');

  // The editor checks it, sends it to two reviewers.
  const desk = await editor.newPage();
  await step(desk, key, 'desk-check');
  await step(desk, key, 'send-to-review');
  await invite(desk, key, 'relectrice.a@example.org', 'Aïcha Ba');
  await invite(desk, key, 'relecteur.b@example.org', 'Jean Morel');

  // The second declares a conflict of interest: his assignment ends, and he cannot be invited again.
  const b = await openInvitation('relecteur.b@example.org');
  await b.locator('#f-answer-3').check();
  await b.locator('#f-conflict').fill('I supervised the author’s thesis.');
  await b.locator('main form button[type="submit"]').click();
  await invite(desk, key, 'relecteur.b@example.org', 'Jean Morel');
  expect(await desk.locator('.error-summary').innerText()).toContain('declared a conflict of interest');

  // The first accepts and recommends a minor revision.
  const a = await openInvitation('relectrice.a@example.org');
  await a.locator('#f-answer').check();
  await a.locator('main form button[type="submit"]').click();
  await a.locator('#f-recommendation-2').check();
  await a.locator('#f-toAuthor').fill('Précisez les niveaux scolaires des études citées.');
  await a.locator('main form button[type="submit"]').click();
  expect(await a.locator('main').innerText()).toContain('Précisez les niveaux scolaires');

  // The editor decides after one round: a revision.
  await step(desk, key, 'request-revision', 'Merci de préciser les niveaux scolaires, comme le demande l’évaluation.');
  expect((await e.lastMailTo('auteure@example.org'))!.subject).toContain('révision demandée');

  // The author revises, still without JavaScript, and sends the revision.
  await author.goto(`/fr/publications/mine/${key}`);
  expect(await author.locator('main').innerText()).toContain('Précisez les niveaux scolaires des études citées.');
  await author.goto(`/fr/publications/mine/${key}/revise`);
  await author.locator('#f-abstract').fill('Une synthèse des études sur les devoirs du CP au CM2, et ce qu’elles recommandent aux ministères.');
  await author.locator('button[name="do"][value="send"]').click();
  await author.waitForURL(new RegExp(`/fr/publications/mine/${key}`));

  // The editor accepts, has it copy-edited, and publishes it; the reviewer is told the outcome.
  for (const action of ['accept', 'copyedit', 'publish']) await step(desk, key, action);
  expect((await e.lastMailTo('relectrice.a@example.org'))!.subject).toContain(key.toUpperCase());
  const reader = await (await e.context()).newPage();
  await reader.goto(`/fr/publications/${key}`);
  expect(await reader.locator('h1').innerText()).toBe(TITLE);
  expect(await reader.locator('main').innerText()).toContain('du CP au CM2');

  // In the French feed, in OAI-PMH, and citable.
  const feed = await reader.request.get('/fr/publications/feed.atom');
  expect(await feed.text()).toContain(TITLE);
  const oai = await (await reader.request.get('/oai?verb=ListRecords&metadataPrefix=oai_dc')).text();
  expect(oai).toContain(`:${key.toUpperCase()}</identifier>`);
  expect(oai).toContain(`<dc:title xml:lang="fr">${TITLE}</dc:title>`);
  const bib = await reader.request.get(`/fr/publications/${key}/cite/bib`);
  expect(bib.headers()['content-type']).toContain('application/x-bibtex');
  expect(await bib.text()).toContain('Sarr');
  const ris = await (await reader.request.get(`/fr/publications/${key}/cite/ris`)).text();
  expect(ris).toMatch(/^TY {2}- /m);
});
