import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { translatableKinds } from '../../platform/catalog.js';
import { translationOverview } from '../../platform/translations/service.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { openMeeting } from './factories.js';
import { meetingQuestions, meetings, participantCategories } from './schema.js';
import { addQuestion } from './questions.js';

let t: TestApp;
let secretariat: string;
let meetingId: string;

beforeAll(async () => {
  t = await testApp();
  secretariat = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  meetingId = await openMeeting(t.db, { slug: 'forum', categories: [{ slug: 'member', name: { en: 'Member', fr: 'Membre' } }] });
});
afterAll(() => t.close());

describe('translating a meeting on the translation screen', () => {
  it('lists the meeting, its sessions and categories by what is missing; a saved translation shows on the French pages and is audited', async () => {
    const who = (await actorByEmail(t.db, 'sec@example.org'))!;
    const { rows } = await translationOverview(t.db, who, translatableKinds(), { locale: 'ar', page: 1 });
    expect(rows.filter((r) => r.kind.kind === 'meeting-meeting').map((r) => r.state)).toEqual(['missing']);
    expect(rows.some((r) => r.kind.kind === 'meeting-category' && r.state === 'missing')).toBe(true);

    const task = `/en/admin/translations/meeting-meeting/${meetingId}/ar`;
    const page = await t.app.inject({ url: task, headers: { cookie: secretariat } });
    expect(page.statusCode).toBe(200);
    const saved = await submitForm(t, { page: task, action: task, cookie: secretariat, fields: { title: 'المنتدى', description: 'وصف الاجتماع.', venueName: 'باريس' } });
    expect(saved.statusCode).toBe(303);
    const [m] = await t.db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(m!.title.ar).toBe('المنتدى');
    expect(m!.title.en).toBeTruthy();
    expect(m!.venueName.ar).toBe('باريس');
    expect((await t.app.inject({ url: '/ar/meetings/forum' })).body).toContain('المنتدى');
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.translate'));
    expect(audits.map((a) => a.after)).toEqual([expect.objectContaining({ locale: 'ar', title: 'المنتدى' })]);
  });

  it('shows a meeting not yet translated in its original language with a hint, and keeps English left to right on Arabic pages', async () => {
    await openMeeting(t.db, { slug: 'english-only', title: { en: 'Evidence Week' } });
    const ru = await t.app.inject({ url: '/ru/meetings/english-only' });
    expect(ru.body).toContain('<h1 lang="en"><bdi>Evidence Week</bdi>');
    expect(ru.body).toContain('class="untranslated"');
    const ar = await t.app.inject({ url: '/ar/meetings/english-only' });
    expect(ar.body).toContain('<h1 lang="en" dir="ltr"><bdi>Evidence Week</bdi>');
  });

  it('an edit of the original on the category form marks its translations outdated, and the translation screen brings them up to date', async () => {
    const who = (await actorByEmail(t.db, 'sec@example.org'))!;
    const [category] = await t.db.select().from(participantCategories).where(eq(participantCategories.meetingId, meetingId));
    const outdated = async () => (await translationOverview(t.db, who, translatableKinds(), { locale: 'fr', kind: 'meeting-category', state: 'outdated', page: 1 })).rows.map((r) => r.item.id);
    expect(await outdated()).toEqual([]);
    const form = `/en/admin/meetings/forum/categories/${category!.id}`;
    const edited = await submitForm(t, { page: form, action: form, cookie: secretariat, fields: { name: 'Alliance member', colour: '#0b4f8a', codeAction: 'keep', quota: '' } });
    expect(edited.statusCode).toBe(303);
    expect(await outdated()).toEqual([category!.id]);
    // The form in French edits the French text: a translation saved there is up to date again.
    const french = `/fr/admin/meetings/forum/categories/${category!.id}`;
    await submitForm(t, { page: french, action: french, cookie: secretariat, fields: { name: 'Membre de l’Alliance', colour: '#0b4f8a', codeAction: 'keep', quota: '' } });
    expect(await outdated()).toEqual([]);
  });

  it('translates a registration question’s options one by one, and the Arabic form offers them in Arabic', async () => {
    const who = (await actorByEmail(t.db, 'sec@example.org'))!;
    await addQuestion(t.db, who, { id: meetingId, slug: 'forum' }, { kind: 'choice', label: 'Dietary needs', options: ['None', 'Vegetarian', 'Halal'], required: false, locale: 'en' });
    const [q] = await t.db.select().from(meetingQuestions).where(eq(meetingQuestions.meetingId, meetingId));
    const task = `/en/admin/translations/meeting-question/${q!.id}/ar`;
    const page = await t.app.inject({ url: task, headers: { cookie: secretariat } });
    for (const n of [1, 2, 3]) expect(page.body).toContain(`name="option${n}"`);
    expect(page.body).toContain('Halal');
    const saved = await submitForm(t, { page: task, action: task, cookie: secretariat, fields: { label: 'الاحتياجات الغذائية', option1: 'لا شيء', option2: 'نباتي', option3: 'حلال' } });
    expect(saved.statusCode).toBe(303);
    const [after] = await t.db.select().from(meetingQuestions).where(eq(meetingQuestions.id, q!.id));
    expect(after!.options).toEqual([{ en: 'None', ar: 'لا شيء' }, { en: 'Vegetarian', ar: 'نباتي' }, { en: 'Halal', ar: 'حلال' }]);
    const form = (await t.app.inject({ url: '/ar/meetings/forum/register' })).body;
    expect(form).toContain('الاحتياجات الغذائية');
    expect(form).toContain('حلال');
    const { rows } = await translationOverview(t.db, who, translatableKinds(), { locale: 'ar', kind: 'meeting-question', page: 1 });
    expect(rows.map((r) => r.item.id)).not.toContain(q!.id); // up to date: no longer listed as work
  });
});
