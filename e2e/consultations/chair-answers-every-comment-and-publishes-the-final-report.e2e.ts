import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { axeCheck, prepareAxe, startE2E, type E2E } from '../fixtures.js';
import { translate } from '../../src/platform/i18n/messages.js';
import { actorByEmail } from '../../src/platform/auth/service.js';
import { runDueJobs } from '../../src/platform/jobs/queue.js';
import { createTransport, deliverDueMail } from '../../src/platform/mail/delivery.js';
import { startSmtpSink, type SmtpSink } from '../../src/testing/smtp.js';
import { getWorkingGroup, reportOf, saveReport } from '../../src/modules/workinggroups/service.js';
import { consultations } from '../../src/modules/consultations/schema.js';
import { consultationsModule } from '../../src/modules/consultations/module.js';
import { fileWait } from '../../src/modules/consultations/outcome-routes.js';
import { TECHNOLOGY_REPORT } from '../../src/modules/workinggroups/demo-report.js';

/**
 * The Technologies for Learning group closes the loop on its consultation (the demo's: six comments,
 * closed yesterday). Its chair, Priya Raman, has written version 2 of the report. In triage she
 * ticks three comments about devices that make the same point, answers them once as accepted and
 * links the paragraph of version 2 that changed because of them; she answers the other three
 * together as noted. Then she publishes the final version. Every commenter is told by e-mail (real
 * SMTP, read back with mailparser) what became of their comment; anyone can read the
 * comment-and-response report, and its spreadsheet, opened with a reader that did not write it,
 * has one row per comment.
 */
let e: E2E;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
  e = await startE2E();
});
afterAll(async () => {
  await e.close();
  await smtp.stop();
});

const CHAIR = 'info@edtech-evidence.example.org';
const SLUG = 'technology-report-v1';
const en = (key: string, values?: Record<string, string | number>) => translate('en', key, values);
const CHANGED = 'Handing out devices without a plan for repairs, power and teacher training has, on its own, made little difference to learning.';
const DEVICES = ['Offline-first design matters more', 'Our school received thirty tablets', 'Radio lessons are still running'];
const RESPONSE = 'Version 2 now asks for a five-year plan for repairs, power and connection before devices are bought.';

async function expectAxeClean(page: Page, what: string) {
  const r = await axeCheck(page);
  if (r.incomplete.length) console.info(`axe could not decide on ${what}: ${r.incomplete.join(', ')}`);
  expect(r.violations, `axe on ${what} (${page.url()})`).toEqual([]);
}

it('a chair answers every comment, three of them together with the paragraph they changed, publishes the final version, and each commenter is told', async () => {
  // The consultation closed yesterday; the chairs wrote version 2 (a draft), changing the paragraph on devices.
  const { t } = e;
  await t.db.update(consultations).set({ closesAt: new Date(Date.now() - 86_400_000) }).where(eq(consultations.slug, SLUG));
  const chair = (await actorByEmail(t.db, CHAIR))!;
  const group = (await getWorkingGroup(t.db, 'technologies-for-learning'))!;
  const { report } = (await reportOf(t.db, chair, group, 'technology-report'))!;
  const paragraph = TECHNOLOGY_REPORT.markdown.split('\n\n').find((p) => p.startsWith('Handing out devices'))!;
  await saveReport(t.db, chair, group, report, { title: TECHNOLOGY_REPORT.title, markdown: TECHNOLOGY_REPORT.markdown.replace(paragraph, `${CHANGED} ${paragraph.split('. ').slice(1).join('. ')}`) });

  const context = await e.signedInContext({ email: CHAIR });
  await prepareAxe(context);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`/en/consultations/${SLUG}/triage`);
  expect(await page.locator('.left-line').textContent()).toBe(en('consultations.answers.left', { n: 6, waiting: 0 }));
  await expectAxeClean(page, 'triage');

  // Three comments about devices, answered together: accepted, with the paragraph of version 2 that changed.
  for (const words of DEVICES) await page.locator('.answer-item', { hasText: words }).getByRole('checkbox').check();
  await page.getByRole('button', { name: en('consultations.answers.answerChosen') }).click();
  expect(await page.locator('h1').textContent()).toBe(en('consultations.answers.newTitle', { n: 3 }));
  await page.getByRole('radio', { name: en('consultations.dispositions.accepted'), exact: true }).check();
  await page.getByLabel(en('consultations.answers.response')).fill(RESPONSE);
  await page.getByRole('checkbox', { name: CHANGED.slice(0, 60) }).check();
  await expectAxeClean(page, 'the answer form');
  await page.getByRole('button', { name: en('consultations.answers.save') }).click();
  expect(await page.getByRole('status').first().textContent()).toContain(en('consultations.answers.notices.saved'));

  // The other three together, noted.
  await page.goto(`/en/consultations/${SLUG}/triage?status=open`);
  const open = page.locator('.answer-item').getByRole('checkbox');
  expect(await open.count()).toBe(3);
  for (const box of await open.all()) await box.check();
  await page.getByRole('button', { name: en('consultations.answers.answerChosen') }).click();
  await page.getByRole('radio', { name: en('consultations.dispositions.noted'), exact: true }).check();
  await page.getByLabel(en('consultations.answers.response')).fill('Thank you: the group will take these points up in its next report, on data protection and evaluation.');
  await page.getByRole('button', { name: en('consultations.answers.save') }).click();
  await page.goto(`/en/consultations/${SLUG}/triage`);
  expect(await page.locator('.left-line').textContent()).toBe(en('consultations.answers.noneLeft'));

  // The preview of the comment-and-response report, then the final version, published from the report's editor.
  await page.goto(`/en/consultations/${SLUG}/responses`);
  expect(await page.locator('.banner-title').first().textContent()).toBe(en('consultations.outcome.preview'));
  // (The mail waiting in the outbox so far goes out first, so that what follows is only the final version's.)
  const transport = createTransport(smtp.url);
  let earlier = 0;
  for (let sent = 1; sent; earlier += sent) ({ sent } = await deliverDueMail(t.db, transport, 'Alliance <alliance@alliance.example>', 100));
  await smtp.waitFor(earlier);
  await page.goto('/en/working-groups/technologies-for-learning/reports/technology-report/edit');
  await page.getByRole('button', { name: en('workingGroups.reports.publish.final') }).click();
  expect(await page.getByRole('status').first().textContent()).toContain(en('workingGroups.reports.notices.final'));
  expect((await t.db.select().from(consultations).where(eq(consultations.slug, SLUG)))[0]!.concludedAt).not.toBeNull();

  // Every commenter is told: the job queues the e-mails, the outbox delivers them over SMTP.
  await runDueJobs(t.db, consultationsModule.jobs!, { baseUrl: e.base, only: ['consultations.outcome-mail'] });
  expect(await deliverDueMail(t.db, transport, 'Alliance <alliance@alliance.example>', 100)).toEqual({ sent: 6, failed: 0, retried: 0 });
  await smtp.waitFor(earlier + 6);
  const told = smtp.received.slice(earlier);
  expect(told.flatMap((m) => m.to).sort()).toEqual(['ayesha.khan@example.pk', 'david.kamau@edtech.example.co.ke', 'kofi.asante@example.gh', 'olga.smirnova@assessment.example.ru', 'wang.fang@research.example.cn', 'youssef.benali@education.example.ma']);
  const ayesha = told.find((m) => m.to.includes('ayesha.khan@example.pk'))!.mail;
  expect(ayesha.subject).toBe(en('consultations.mail.outcome.subject', { report: TECHNOLOGY_REPORT.title }));
  expect(ayesha.text).toContain('Our school received thirty tablets in 2022; eleven still work.');
  expect(ayesha.text).toContain(RESPONSE);
  expect(ayesha.text).toContain(en('consultations.dispositions.accepted'));
  expect(ayesha.text).toContain(`${e.base}/en/working-groups/technologies-for-learning/reports/technology-report/v/2`);
  expect(ayesha.text).not.toContain('Il faudrait ajouter la protection des données');
  // mailparser reads the List-* headers into one "list" header.
  expect(JSON.stringify(ayesha.headers.get('list'))).toContain('/consultations/outcome-mail/');
  // Youssef Benali uses the site in French: his e-mail is in French.
  const youssef = told.find((m) => m.to.includes('youssef.benali@education.example.ma'))!.mail;
  expect(youssef.subject).toBe(translate('fr', 'consultations.mail.outcome.subject', { report: TECHNOLOGY_REPORT.title }));

  // Anyone reads the comment-and-response report, downloads its spreadsheet, and follows the changed paragraph.
  const readerContext = await e.context();
  await prepareAxe(readerContext);
  const reader = await readerContext.newPage();
  await reader.goto(`/en/consultations/${SLUG}/responses`);
  expect(await reader.locator('h1').textContent()).toBe(en('consultations.outcome.title', { title: TECHNOLOGY_REPORT.title }));
  expect(await reader.locator('.outcome-item', { hasText: 'thirty tablets' }).textContent()).toContain(RESPONSE);
  await expectAxeClean(reader, 'the comment-and-response report');
  const [download] = await Promise.all([reader.waitForEvent('download'), reader.getByRole('link', { name: en('consultations.outcome.formats.xlsx') }).click()]);
  const sheet = await readSheet(readFileSync((await download.path())!));
  expect(sheet).toHaveLength(1 + 6);
  const head = sheet[0] as string[];
  const tablets = sheet.find((r) => String(r[head.indexOf(en('consultations.outcome.columns.comment'))]).startsWith('Our school received thirty tablets'))!;
  expect(tablets[head.indexOf(en('consultations.outcome.columns.disposition'))]).toBe(en('consultations.dispositions.accepted'));
  expect(String(tablets[head.indexOf(en('consultations.outcome.columns.changed'))])).toContain('/reports/technology-report/v/2#');
  await reader.locator('.outcome-item', { hasText: 'thirty tablets' }).locator('.outcome-changed a').click();
  expect(await reader.locator(':target').textContent()).toContain(CHANGED);

  // A file still being made (as a big consultation's PDF is): the reader in Arabic is told so, on a page that passes axe.
  fileWait.ms = 0;
  try {
    await reader.goto(`/ar/consultations/${SLUG}/responses.pdf`);
    expect(await reader.locator('h1').textContent()).toBe(translate('ar', 'consultations.outcome.preparing.title'));
    await expectAxeClean(reader, 'the file being prepared, in Arabic');
  } finally {
    fileWait.ms = 8_000;
  }
});
