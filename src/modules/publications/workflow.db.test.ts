import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from '../../testing/app.js';
import { ensureUser, actorByEmail } from '../../platform/auth/service.js';
import { outbox } from '../../platform/mail/schema.js';
import { auditLog } from '../../platform/audit/schema.js';
import type { Actor } from '../../platform/policy.js';
import { addCall, addSeries } from './factories.js';
import { publicationEvents, reviewAssignments } from './schema.js';
import {
  addTranslation,
  answerInvitation,
  callBySlug,
  inviteReviewer,
  itemByNumber,
  landing,
  listPublished,
  publishNewVersion,
  remindReviewers,
  stepsFor,
  submitBrief,
  submitReview,
  takeStep,
  type ItemView,
} from './service.js';

let t: TestApp;
let editor: Actor;
let author: Actor;
let stranger: Actor;
const ctx = () => ({ baseUrl: t.config.baseUrl });
const person = async (email: string, roles: { role: string; scope?: string }[] = []) => {
  await ensureUser(t.db, { email, name: email.split('@')[0]!, roles });
  return (await actorByEmail(t.db, email))!;
};
const mailsTo = async (to: string) => (await t.db.select().from(outbox).where(eq(outbox.toAddress, to))).map((m) => m.subject);
const item = async (number: string) => (await itemByNumber(t.db, number)) as ItemView;

beforeAll(async () => {
  t = await testApp();
  const seriesId = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium of Insights 2024' } });
  await addCall(t.db, { seriesId, slug: 'call-2024', title: { en: 'Call for briefs 2024' } });
  await addCall(t.db, { seriesId, slug: 'closed-call', title: { en: 'An old call' }, opensInDays: -90, days: 30 });
  editor = await person('editor@example.org', [{ role: 'pub_editor', scope: seriesId }]);
  author = await person('author@example.org');
  stranger = await person('stranger@example.org');
});
afterAll(() => t.close());

const submission = {
  locale: 'fr' as const,
  title: 'Lire dès la première année',
  abstract: 'Ce que la recherche dit de l’apprentissage de la lecture.',
  summary: 'Les enfants lisent mieux quand on leur enseigne les sons des lettres.',
  keywords: 'lecture, phonologie، alphabétisation',
  recommendations: 'Former les enseignants.',
  authors: 'Awa Ndiaye (Université Cheikh Anta Diop)\nPierre Martin',
  body: '# Lire\n\nUn texte.',
  audiences: ['policymaker' as const],
};

describe('a brief from submission to publication', () => {
  it('is submitted to an open call, numbered in its series, logged and acknowledged by mail; a closed call refuses it', async () => {
    const call = (await callBySlug(t.db, 'call-2024'))!;
    const r = await submitBrief(t.db, author, call, submission, ctx());
    expect(r).toEqual({ ok: true, number: 'CI2024-01' });
    const brief = await item('ci2024-01');
    expect(brief.state).toBe('submitted');
    expect(brief.authors).toEqual([{ name: 'Awa Ndiaye', affiliation: 'Université Cheikh Anta Diop' }, { name: 'Pierre Martin', affiliation: '' }]);
    expect(brief.meta.fr!.keywords).toEqual(['lecture', 'phonologie', 'alphabétisation']);
    expect(await mailsTo('author@example.org')).toEqual(['Nous avons reçu votre note CI2024-01']);
    await expect(submitBrief(t.db, author, (await callBySlug(t.db, 'closed-call'))!, submission, ctx())).rejects.toThrow('Not allowed');
    // Neither text nor PDF: refused, nothing stored.
    expect(await submitBrief(t.db, author, call, { ...submission, body: '' }, ctx())).toEqual({ ok: false, field: 'body', message: 'publications.errors.bodyOrPdf' });
    expect(await itemByNumber(t.db, 'CI2024-02')).toBeNull();
  });

  it('refuses an illegal step and anyone who is not the editor, and logs every step taken', async () => {
    const brief = await item('CI2024-01');
    expect(await takeStep(t.db, editor, brief.id, 'publish', '', ctx())).toEqual({ ok: false, reason: 'not-allowed-from-state' });
    await expect(takeStep(t.db, stranger, brief.id, 'desk-check', '', ctx())).rejects.toThrow('Not allowed');
    await expect(takeStep(t.db, author, brief.id, 'desk-check', '', ctx())).rejects.toThrow('Not allowed');
    expect(stepsFor(author, brief)).toEqual(['withdraw']);
    expect(stepsFor(editor, brief)).toEqual(['desk-check', 'decline']);
    expect(await takeStep(t.db, editor, brief.id, 'desk-check', '', ctx())).toEqual({ ok: true, to: 'desk_check' });
    expect(await takeStep(t.db, editor, brief.id, 'send-to-review', '', ctx())).toEqual({ ok: true, to: 'in_review' });
    const log = await t.db.select().from(publicationEvents).where(eq(publicationEvents.publicationId, brief.id));
    expect(log.map((e) => `${e.fromState}→${e.toState}`)).toEqual(['draft→submitted', 'submitted→desk_check', 'desk_check→in_review']);
    expect(log.every((e) => e.at instanceof Date)).toBe(true);
    expect(log[1]!.actorId).toBe(editor.id);
    expect((await item('CI2024-01')).round).toBe(1);
  });

  it('invites reviewers, never the author nor someone who declared a conflict; a review is written once accepted', async () => {
    const brief = await item('CI2024-01');
    expect(await inviteReviewer(t.db, editor, brief.id, { email: 'AUTHOR@example.org', name: 'A', days: 14 }, { ...ctx(), locale: 'en' })).toMatchObject({ ok: false, message: 'publications.errors.reviewerIsAuthor' });
    expect(await inviteReviewer(t.db, editor, brief.id, { email: 'rev1@example.org', name: 'Rev One', days: 14 }, { ...ctx(), locale: 'en' })).toEqual({ ok: true });
    expect(await inviteReviewer(t.db, editor, brief.id, { email: 'rev2@example.org', name: 'Rev Two', days: 14 }, { ...ctx(), locale: 'en' })).toEqual({ ok: true });
    expect(await inviteReviewer(t.db, editor, brief.id, { email: 'rev1@example.org', name: 'Rev One', days: 14 }, { ...ctx(), locale: 'en' })).toMatchObject({ ok: false, message: 'publications.errors.alreadyInvited' });
    expect(await mailsTo('rev1@example.org')).toEqual(['Will you review CI2024-01?']);
    await expect(inviteReviewer(t.db, author, brief.id, { email: 'x@example.org', name: 'X', days: 14 }, { ...ctx(), locale: 'en' })).rejects.toThrow('Not allowed');

    const rev1 = (await actorByEmail(t.db, 'rev1@example.org'))!;
    const rev2 = (await actorByEmail(t.db, 'rev2@example.org'))!;
    const [a1] = await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.reviewerId, rev1.id));
    const [a2] = await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.reviewerId, rev2.id));
    // Someone else's assignment cannot be answered; a conflict needs its reason.
    await expect(answerInvitation(t.db, rev2, a1!.id, { answer: 'accept', conflict: undefined })).rejects.toThrow('Not allowed');
    expect(await answerInvitation(t.db, rev2, a2!.id, { answer: 'conflict', conflict: '' })).toMatchObject({ ok: false, field: 'conflict' });
    expect(await answerInvitation(t.db, rev2, a2!.id, { answer: 'conflict', conflict: 'I co-wrote the study it cites.' })).toEqual({ ok: true, state: 'conflict' });
    expect(await submitReview(t.db, rev1, a1!.id, { recommendation: 'minor-revision', toAuthor: 'Clear.', toEditor: undefined })).toMatchObject({ ok: false, message: 'publications.errors.notAccepted' });
    expect(await answerInvitation(t.db, rev1, a1!.id, { answer: 'accept', conflict: undefined })).toEqual({ ok: true, state: 'accepted' });
    expect(await submitReview(t.db, rev1, a1!.id, { recommendation: 'minor-revision', toAuthor: 'Say which grades.', toEditor: 'Sound.' })).toEqual({ ok: true });
    // A third reviewer, invited and silent: the decision will close their assignment.
    expect(await inviteReviewer(t.db, editor, brief.id, { email: 'rev3@example.org', name: 'Rev Three', days: 2 }, { ...ctx(), locale: 'en' })).toEqual({ ok: true });
  });

  it('closes the round at the decision: open assignments closed, reviewers who took part told, no reminder afterwards', async () => {
    const brief = await item('CI2024-01');
    expect(await takeStep(t.db, editor, brief.id, 'request-revision', '', ctx())).toEqual({ ok: false, reason: 'note-required' });
    expect(await takeStep(t.db, editor, brief.id, 'request-revision', 'Say which grades, as the reviewer asks.', ctx())).toEqual({ ok: true, to: 'revision_requested' });
    const states = await t.db.select({ state: reviewAssignments.state }).from(reviewAssignments).where(eq(reviewAssignments.publicationId, brief.id));
    expect(states.map((s) => s.state).sort()).toEqual(['closed', 'completed', 'conflict']);
    expect(await mailsTo('rev1@example.org')).toContain('The editors’ decision on CI2024-01');
    expect(await mailsTo('rev2@example.org')).not.toContain('The editors’ decision on CI2024-01');
    // rev3's assignment was due in two days, but its round is closed: no reminder.
    expect(await remindReviewers(t.db, t.config.baseUrl, new Date(Date.now() + 86_400_000))).toBe(0);
    expect(await mailsTo('author@example.org')).toContain('CI2024-01 : révision demandée');
    const rev3 = (await actorByEmail(t.db, 'rev3@example.org'))!;
    const [a3] = await t.db.select().from(reviewAssignments).where(and(eq(reviewAssignments.reviewerId, rev3.id)));
    expect(await submitReview(t.db, rev3, a3!.id, { recommendation: 'accept', toAuthor: 'Late.', toEditor: undefined })).toMatchObject({ ok: false });
  });

  it('takes the revision, reviews it again without the reviewer who declared a conflict, and reminds a reviewer due soon once', async () => {
    const brief = await item('CI2024-01');
    expect(await takeStep(t.db, author, brief.id, 'revise', '', ctx())).toEqual({ ok: true, to: 'revised' });
    expect(await takeStep(t.db, editor, brief.id, 'send-to-review', '', ctx())).toEqual({ ok: true, to: 'in_review' });
    expect(await inviteReviewer(t.db, editor, brief.id, { email: 'rev2@example.org', name: 'Rev Two', days: 14 }, { ...ctx(), locale: 'en' })).toMatchObject({ ok: false, message: 'publications.errors.reviewerConflict' });
    expect(await inviteReviewer(t.db, editor, brief.id, { email: 'rev1@example.org', name: 'Rev One', days: 2 }, { ...ctx(), locale: 'en' })).toEqual({ ok: true });
    expect(await remindReviewers(t.db, t.config.baseUrl)).toBe(1);
    expect(await remindReviewers(t.db, t.config.baseUrl)).toBe(0);
    expect(await mailsTo('rev1@example.org')).toContain('Reminder: your review of CI2024-01');
  });

  it('publishes version 1 on its landing page, then a version 2 that leaves version 1 at its address', async () => {
    const brief = await item('CI2024-01');
    expect(await landing(t.db, null, 'ci2024-01')).toBeNull(); // not published yet: nobody reads it
    for (const step of ['accept', 'copyedit', 'publish'] as const) expect((await takeStep(t.db, editor, brief.id, step, '', ctx())).ok).toBe(true);
    const v1 = (await landing(t.db, null, 'ci2024-01'))!;
    expect(v1.version.number).toBe(1);
    expect(v1.version.meta.fr!.title).toBe('Lire dès la première année');
    expect(await mailsTo('author@example.org')).toContain('CI2024-01 : publiée');
    const published = await item('CI2024-01');
    const r = await publishNewVersion(t.db, editor, published.id, 'fr', { ...submission, keywords: 'lecture', summary: 'Résumé revu.', recommendations: undefined, note: 'Chiffres de 2025.' });
    expect(r).toEqual({ ok: true, version: 2 });
    expect((await landing(t.db, null, 'ci2024-01'))!.version.meta.fr!.summary).toBe('Résumé revu.');
    const old = (await landing(t.db, null, 'ci2024-01', 1))!;
    expect(old.version.meta.fr!.summary).toBe(submission.summary);
    expect(old.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(await landing(t.db, null, 'ci2024-01', 3)).toBeNull();
    await expect(publishNewVersion(t.db, author, published.id, 'fr', { ...submission, keywords: '', summary: '', recommendations: undefined, note: 'x' })).rejects.toThrow('Not allowed');
  });

  it('adds an English translation as a linked record with its own identifier, shown in the availability matrix once published', async () => {
    const original = await item('CI2024-01');
    const r = await addTranslation(t.db, editor, original.id, { locale: 'en', method: 'machine-assisted', title: 'Reading from the first grade', abstract: 'What research says about learning to read.', summary: 'Children read better when taught letter sounds.', keywords: 'reading', recommendations: undefined, body: '# Reading\n\nA text.' });
    expect(r).toEqual({ ok: true, number: 'CI2024-01-EN' });
    expect(await addTranslation(t.db, editor, original.id, { locale: 'fr', method: 'human', title: 'x', abstract: 'x', summary: undefined, keywords: undefined, recommendations: undefined, body: 'x' })).toMatchObject({ ok: false, message: 'publications.errors.sameLanguage' });
    const translation = await item('CI2024-01-EN');
    expect(translation.translationOf).toBe(original.id);
    expect((await takeStep(t.db, editor, translation.id, 'publish', '', ctx())).ok).toBe(true);
    const page = (await landing(t.db, null, 'CI2024-01'))!;
    expect(page.translations).toEqual([{ number: 'CI2024-01-EN', locale: 'en', method: 'machine-assisted' }]);
    const row = (l: string) => page.availability.find((a) => a.locale === l)!;
    expect(row('fr')).toMatchObject({ fullText: true, method: 'original', number: 'CI2024-01' });
    expect(row('en')).toMatchObject({ summary: true, fullText: true, method: 'machine-assisted', number: 'CI2024-01-EN' });
    expect(row('ar')).toMatchObject({ summary: false, fullText: false, pdf: false, method: null });
    const translated = (await landing(t.db, null, 'ci2024-01-en'))!;
    expect(translated.original).toEqual({ number: 'CI2024-01', locale: 'fr' });
    // The translation's page knows the summaries the original's texts hold.
    expect(translated.availability.find((a) => a.locale === 'fr')).toMatchObject({ summary: true, method: 'original' });
    // The list shows originals only, with the languages they are translated into.
    const { items, total } = await listPublished(t.db, { page: 1 });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ number: 'CI2024-01', translations: ['en'] });
    const audited = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetType, 'publication'));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['publications.publish', 'publications.version', 'publications.translate', 'publications.request-revision']));
  });
});
