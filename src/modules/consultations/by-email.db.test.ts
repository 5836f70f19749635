import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { outbox } from '../../platform/mail/schema.js';
import { inboundHandlersOf, startInboundSmtp, type InboundSmtp, type InboundSmtpOptions } from '../../platform/mail/inbound.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { addPersonToGroup, addReportTranslation, createReport, getWorkingGroup, publishReport, reportOf } from '../workinggroups/service.js';
import { consultationComments } from './schema.js';
import { getConsultation, getConsultationTarget, openConsultation, saveProfile, saveSettings, sectionsOf, type SettingsInput } from './service.js';
import { consultationsModule } from './module.js';

/**
 * Taking part by e-mail, end to end on loopback: a participant asks for the report by e-mail, gets
 * one e-mail per section, replies to one with a real SMTP client; the app's own listener takes the
 * reply and the comment appears under that section, and the participant is told.
 */
let t: TestApp;
let listener: InboundSmtp;
let transport: Transporter;
const DAY = 86_400_000;
const REPORT = `# Teaching at the right level

Children in one class can be years apart in what they can read.

## 1. Grouping by level

Group children by what they can do, not by age, for part of each day.

## 2. Checking progress

Check each child's reading every few weeks with a short oral test.`;
const FRENCH = `# Enseigner au bon niveau

Dans une même classe, les enfants peuvent avoir des années d'écart en lecture.

## 1. Grouper par niveau

Grouper les enfants selon ce qu'ils savent faire, et non selon leur âge, pendant une partie de la journée.

## 2. Suivre les progrès

Vérifier la lecture de chaque enfant toutes les quelques semaines par un court test oral.`;
const window = (over: Partial<SettingsInput> = {}): SettingsInput => ({ opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 20 * DAY), audience: 'public', moderation: 'post', summary: 'Teaching at the right level.', questions: [], ...over });

beforeAll(async () => {
  t = await testApp();
  const ids = await addWorkingGroups(t.db);
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'chair@example.org', name: 'Chair' }, 'chair');
  const chair = (await actorByEmail(t.db, 'chair@example.org'))!;
  const group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
  await createReport(t.db, chair, group, { slug: 'tarl', title: 'Teaching at the right level', markdown: REPORT }, 'en');
  await publishReport(t.db, chair, group, (await reportOf(t.db, chair, group, 'tarl'))!.report, 'prefinal');
  await addReportTranslation(t.db, ids['foundational-learning'], 'tarl', 1, 'fr', { title: 'Enseigner au bon niveau', markdown: FRENCH });
  await openConsultation(t.db, chair, (await getConsultationTarget(t.db, chair, group, 'tarl', 1))!, window(), 'en');
  const log = { info() {}, warn() {}, error() {} } as unknown as InboundSmtpOptions['log'];
  listener = await startInboundSmtp({ db: t.db, handlers: inboundHandlersOf([consultationsModule]), secret: t.config.sessionSecret, domain: t.config.inboundMailDomain, baseUrl: t.config.baseUrl, host: '127.0.0.1', port: 0, log });
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  transport?.close();
  await listener?.stop();
  await t?.close();
});

const sectionMails = (to: string) => t.db.select().from(outbox).where(and(eq(outbox.toAddress, to), eq(outbox.template, 'consultations.section'))).orderBy(outbox.id);
const lastMail = async (to: string) => (await t.db.select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(desc(outbox.id)).limit(1))[0]!;

describe('the report by e-mail, section by section', () => {
  it('sections: the text before the first heading, then each heading with what follows', async () => {
    const page = (await getConsultation(t.db, 'tarl-v1'))!;
    expect(sectionsOf(page.version.blocks, page.version.title).map((s) => [s.title, s.blocks.length])).toEqual([
      ['Teaching at the right level', 1],
      ['1. Grouping by level', 1],
      ['2. Checking progress', 1],
    ]);
  });

  it('a participant asks (once a day), gets one e-mail per section in their language, replies to one, and the comment appears under that section', async () => {
    const cookie = await signedIn(t, { email: 'awa@example.org', name: 'Awa Sarr' });
    await saveProfile(t.db, (await actorByEmail(t.db, 'awa@example.org'))!, { stakeholderGroup: 'teacher', country: 'SN', organization: '', onBehalf: 'self', display: 'name' });
    const asked = await submitForm(t, { page: '/fr/consultations/tarl-v1/by-email', action: '/fr/consultations/tarl-v1/by-email', cookie, fields: {} });
    expect(asked.headers.location).toContain('notice=sent');
    const again = await submitForm(t, { page: '/fr/consultations/tarl-v1/by-email', action: '/fr/consultations/tarl-v1/by-email', cookie, fields: {} });
    expect(again.headers.location).toContain('notice=already');

    const mails = await sectionMails('awa@example.org');
    expect(mails.map((m) => m.subject)).toEqual(['[1/3] Enseigner au bon niveau — Enseigner au bon niveau', '[2/3] 1. Grouper par niveau — Enseigner au bon niveau', '[3/3] 2. Suivre les progrès — Enseigner au bon niveau']);
    expect(mails[1]!.text).toContain('Grouper les enfants selon ce qu');
    const replyTo = mails[1]!.headers['Reply-To']!;
    expect(replyTo).toMatch(/^reply\+[a-z2-7]+@/);

    await transport.sendMail({
      from: 'awa@example.org',
      to: replyTo,
      subject: `Re: ${mails[1]!.subject}`,
      text: `Dans ma classe nous groupons par niveau le matin, cela marche.\n\nLe ${new Date().toUTCString()}, Bridges a écrit :\n> Grouper les enfants selon ce qu'ils savent faire`,
    });
    const page = (await getConsultation(t.db, 'tarl-v1'))!;
    const section = page.version.blocks.find((b) => b.text === '1. Grouping by level')!;
    const [comment] = await t.db.select().from(consultationComments).where(eq(consultationComments.source, 'email'));
    expect(comment).toMatchObject({ blockId: section.id, body: 'Dans ma classe nous groupons par niveau le matin, cela marche.', locale: 'fr', authorName: 'Awa Sarr', stakeholderGroup: 'teacher' });
    const shown = await t.app.inject({ url: `/fr/consultations/tarl-v1/p/${section.id}` });
    expect(shown.body).toContain('Dans ma classe nous groupons par niveau le matin');
    expect(shown.body).toContain('par courriel');
    expect((await lastMail('awa@example.org')).template).toBe('consultations.comment-by-email');
  });

  it('a reply from another address is refused by the listener; after the close a reply is answered, not posted, with its text back', async () => {
    const [mail] = await sectionMails('awa@example.org');
    const replyTo = mail!.headers['Reply-To']!;
    await expect(transport.sendMail({ from: 'someone.else@example.org', to: replyTo, subject: 'Re', text: 'Forged.' })).rejects.toMatchObject({ responseCode: 550 });

    const chair = (await actorByEmail(t.db, 'chair@example.org'))!;
    const page = (await getConsultation(t.db, 'tarl-v1'))!;
    await saveSettings(t.db, chair, page, window({ opensAt: new Date(Date.now() - 2 * DAY), closesAt: new Date(Date.now() - 1000) }), 'en');
    // The reply address still works until midnight of its day; the consultation is what has closed.
    await transport.sendMail({ from: 'awa@example.org', to: replyTo, subject: 'Re', text: 'Trop tard ?' });
    const answer = await lastMail('awa@example.org');
    expect(answer.template).toBe('consultations.comment-refused');
    expect(answer.text).toContain('La consultation est close');
    expect(answer.text).toContain('Trop tard ?');
    expect(await t.db.select().from(consultationComments).where(eq(consultationComments.body, 'Trop tard ?'))).toEqual([]);
  });
});

describe('the consultation in a translation', () => {
  it('a French reader reads the French translation, told which version it translates, and comments on a passage quoted in French', async () => {
    const chair = (await actorByEmail(t.db, 'chair@example.org'))!;
    const page = (await getConsultation(t.db, 'tarl-v1'))!;
    await saveSettings(t.db, chair, page, window(), 'en');
    const fr = await t.app.inject({ url: '/fr/consultations/tarl-v1' });
    expect(fr.body).toContain('Enseigner au bon niveau');
    expect(fr.body).toContain('Traduction de la version 1.');
    const block = page.version.blocks.find((b) => b.text.startsWith('Group children'))!;
    const cookie = await signedIn(t, { email: 'awa@example.org' });
    const url = `/fr/consultations/tarl-v1/p/${block.id}`;
    const quoted = await t.app.inject({ url: `${url}?exact=${encodeURIComponent('selon leur âge')}&prefix=${encodeURIComponent('ce qu’ils savent faire, et non ')}`, headers: { cookie } });
    expect(quoted.body).toContain('Grouper les enfants selon ce qu');
    expect(quoted.body).toContain('name="quoteLocale" value="fr"');
    const posted = await submitForm(t, { page: `${url}?exact=${encodeURIComponent('selon leur âge')}`, action: url, cookie, fields: { body: 'Et selon leur langue ?', locale: 'fr' } });
    expect(posted.statusCode).toBe(303);
    const [comment] = await t.db.select().from(consultationComments).where(eq(consultationComments.body, 'Et selon leur langue ?'));
    expect(comment).toMatchObject({ blockId: block.id, quoteLocale: 'fr', quote: { exact: 'selon leur âge' } });
    // The same words are not in the English original: quoted "in English", they are refused.
    const refused = await submitForm(t, { page: `${url}?exact=${encodeURIComponent('selon leur âge')}`, action: url, cookie, fields: { body: 'Encore.', locale: 'fr', quoteLocale: 'en' } });
    expect(refused.statusCode).toBe(422);
  });
});
