import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Page } from 'playwright-core';
import { axeCheck, prepareAxe, startE2E, type E2E } from '../fixtures.js';
import { inboundHandlersOf, startInboundSmtp, type InboundSmtp } from '../../src/platform/mail/inbound.js';
import { consultationsModule } from '../../src/modules/consultations/module.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { translate } from '../../src/platform/i18n/messages.js';

/**
 * A teacher in Niger reads mail more easily than web pages. Signed in, in French, she fills her
 * commenter profile and asks for the Foundational Learning report by e-mail: one e-mail per section,
 * each with its own Reply-To address. She replies to the second section's e-mail from her mail
 * program — her answer above the quoted e-mail and her signature — through the app's own SMTP
 * listener. The comment appears under that section, without the quoted text and the signature,
 * marked as sent by e-mail, and she gets a confirmation. A reply to her address from anyone else is
 * refused by the listener (550).
 */
let e: E2E;
let listener: InboundSmtp;
let transport: Transporter;
const listenerLog: string[] = [];

beforeAll(async () => {
  e = await startE2E();
  const log = { info: (...a: unknown[]) => void listenerLog.push(JSON.stringify(a)), warn: (...a: unknown[]) => void listenerLog.push(JSON.stringify(a)), error: (...a: unknown[]) => void listenerLog.push(JSON.stringify(a)) };
  listener = await startInboundSmtp({ db: e.t.db, handlers: inboundHandlersOf([consultationsModule]), secret: e.t.config.sessionSecret, domain: e.t.config.inboundMailDomain, baseUrl: e.base, host: '127.0.0.1', port: 0, log });
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  transport?.close();
  await listener?.stop();
  await e?.close();
});

const fr = (key: string, values?: Record<string, string | number>) => translate('fr', key, values);
const EMAIL = 'aissata.moussa@ecole-zinder.example.org';
const NAME = 'Aïssata Moussa';
const SLUG = 'background-report-v1';
const ANSWER = 'À Zinder, la moitié de mes élèves de CE2 ne lisent pas encore une phrase simple.\nNous faisons maintenant lire chaque enfant à voix haute une minute par semaine pour suivre les progrès.';

const sectionMails = () => e.t.db.select().from(outbox).where(and(eq(outbox.toAddress, EMAIL), eq(outbox.template, 'consultations.section'))).orderBy(asc(outbox.id));

async function expectAxeClean(page: Page, what: string) {
  const r = await axeCheck(page);
  if (r.incomplete.length) console.info(`axe could not decide on ${what}: ${r.incomplete.join(', ')}`);
  expect(r.violations, `axe on ${what} (${page.url()})`).toEqual([]);
}

it('a participant asks for the report by e-mail in French, replies to a section with her mail program, and her comment appears under it', async () => {
  const context = await e.signedInContext({ email: EMAIL, name: NAME });
  await prepareAxe(context);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();

  // The report by e-mail: the page asks for a profile first.
  await page.goto(`/fr/consultations/${SLUG}`);
  await page.getByRole('link', { name: fr('consultations.byEmailLink') }).click();
  expect(new URL(page.url()).pathname).toBe(`/fr/consultations/${SLUG}/by-email`);
  await expectAxeClean(page, 'the by-email page, before the profile');
  await page.getByRole('link', { name: fr('consultations.profileLink') }).click();
  await expectAxeClean(page, 'the profile form in French');
  await page.getByLabel(fr('consultations.profile.group')).selectOption({ label: fr('consultations.groups.teacher') });
  await page.getByLabel(fr('consultations.profile.country')).selectOption('NE');
  await page.getByRole('button', { name: fr('consultations.profile.save') }).click();

  // Back on the by-email page: one button sends the sections.
  expect(new URL(page.url()).pathname).toBe(`/fr/consultations/${SLUG}/by-email`);
  await expectAxeClean(page, 'the by-email page with its button');
  await page.getByRole('button', { name: fr('consultations.byEmailPage.submit', { n: 5 }) }).click();
  expect(await page.getByRole('status').first().textContent()).toContain(fr('consultations.byEmailPage.notices.sent'));
  await expectAxeClean(page, 'the by-email page once sent');

  // One e-mail per section, in French, each with its own reply address.
  const mails = await sectionMails();
  expect(mails.map((m) => m.subject.replace(/ — .*$/, ''))).toEqual([
    '[1/5] Apprendre à lire, à écrire et à compter pendant les trois premières années d’école',
    '[2/5] 1. Pourquoi les premières années comptent',
    '[3/5] 2. Ce qui fonctionne en classe',
    '[4/5] 3. Langue d’enseignement',
    '[5/5] 4. Recommandations',
  ]);
  expect(mails.every((m) => m.locale === 'fr')).toBe(true);
  const replyTos = mails.map((m) => m.headers['Reply-To']);
  for (const r of replyTos) expect(r).toMatch(/^reply\+[a-z2-7]+@/);
  expect(new Set(replyTos).size).toBe(5);
  const second = mails[1]!;
  expect(second.text).toContain('Les enfants qui ne savent pas lire un texte simple');

  // Her reply from her mail program: her answer, her signature, then the e-mail quoted.
  await transport.sendMail({
    from: `${NAME} <${EMAIL}>`,
    to: second.headers['Reply-To'],
    subject: `Re: ${second.subject}`,
    text: [
      ANSWER,
      '',
      '-- ',
      NAME,
      'École primaire de Zinder',
      '',
      `Le ${new Date().toUTCString()}, Bridges <noreply@${e.t.config.inboundMailDomain}> a écrit :`,
      '> 1. Pourquoi les premières années comptent',
      '>',
      '> Les enfants qui ne savent pas lire un texte simple en le comprenant à la fin de la 3e année rattrapent rarement leur retard.',
    ].join('\n'),
  });

  // The confirmation, in French, links to the comment under its section.
  const confirmation = (await e.lastMailTo(EMAIL))!;
  expect(confirmation.template).toBe('consultations.comment-by-email');
  expect(confirmation.locale).toBe('fr');
  const link = confirmation.text.match(/http:\/\/127\.0\.0\.1:\d+\/fr\/consultations\/\S+#c-[\w-]+/)![0];

  // The second section is the report's first numbered section: its heading is where the comment goes.
  await page.goto(`/fr/consultations/${SLUG}`);
  const sectionId = await page.locator('article.report > .block:has(h2)').first().getAttribute('id');
  await page.goto(link);
  expect(new URL(page.url()).pathname).toBe(`/fr/consultations/${SLUG}/p/${sectionId}`);
  const comment = page.locator(`li.comment#${new URL(link).hash.slice(1)}`);
  expect((await comment.locator('.comment-body').textContent())!.trim()).toBe(ANSWER);
  const author = (await comment.locator('.comment-author').textContent())!;
  expect(author).toContain(NAME);
  expect(author).toContain(fr('consultations.groups.teacher'));
  expect(author).toContain('Niger');
  expect(author).toContain(fr('consultations.byEmail'));
  // Nothing of the quoted e-mail or the signature.
  const text = (await page.locator('ol.comments').textContent())!;
  expect(text).not.toContain('a écrit');
  expect(text).not.toContain('École primaire de Zinder');
  expect(text).not.toContain('> ');
  await expectAxeClean(page, 'the section’s page with the comment sent by e-mail');

  // On the report, the section's count shows the comment.
  await page.goto(`/fr/consultations/${SLUG}`);
  expect(await page.locator(`#${sectionId} .block-comments a`).textContent()).toBe(fr('consultations.commentsOnSection', { n: 1 }));
});

it('a reply to her address from another address is refused by the listener (550), and nothing is posted', async () => {
  const [first] = await sectionMails();
  const before = await e.t.db.select({ id: outbox.id }).from(outbox);
  await expect(transport.sendMail({ from: 'someone.else@example.org', to: first!.headers['Reply-To'], subject: 'Re', text: 'Un commentaire qui n’est pas le sien.' })).rejects.toMatchObject({ responseCode: 550 });
  // The section's page (the link in its e-mail) has no such comment.
  const page = await (await e.context()).newPage();
  await page.goto(first!.text.match(/http:\/\/127\.0\.0\.1:\d+\/fr\/consultations\/\S+\/p\/[\w-]+/)![0]);
  expect(await page.locator('h1').count()).toBe(1);
  expect(await page.locator('main').textContent()).not.toContain('Un commentaire qui n’est pas le sien.');
  // No e-mail to a sender who may be forged.
  expect((await e.t.db.select({ id: outbox.id }).from(outbox)).length).toBe(before.length);
});
