import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { and, eq } from 'drizzle-orm';
import { hiddenFields, mergeCookies, signedIn, submitForm, testApp, type TestApp, queriesDuring } from '../../testing/app.js';
import { actorByEmail, createSession, ensureUser } from '../../platform/auth/service.js';
import { auditLog } from '../../platform/audit/schema.js';
import { ForbiddenError, type Actor } from '../../platform/policy.js';
import { addReportVersion, addWorkingGroup, getWorkingGroup, publishReport, reportOf, saveReport } from '../workinggroups/service.js';
import { addComment, addConsultation } from '../consultations/service.js';
import { createMeeting, programme } from '../meetings/service.js';
import { addCall, addReport, addSeries } from './factories.js';
import { itemByNumber, saveTags, takeStep, type ItemView } from './service.js';

/**
 * Where a publication comes from, and its tags: the landing page of a published report shows its
 * working group, its report, the consultations held on it (with their comments and, once public,
 * their comment-and-response report) and the meeting sessions where it was discussed; tags
 * (audiences, countries, SDG 4 targets) show in the reader's language and filter the list; editors
 * set them (audited), authors give them with a submission; bad values are refused with the form
 * kept; nobody else sets them.
 */
let t: TestApp;
let secretariat: Actor;
let author: Actor;
const cookies: Record<string, string> = {};
const ctx = () => ({ baseUrl: t.config.baseUrl });
const item = async (number: string) => (await itemByNumber(t.db, number)) as ItemView;
const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: { cookie } });
const DAY = 86_400_000;
let sessionId: string;
let draftSessionId: string;

const TAGS = '/en/admin/publications/fl-01/tags';
const postTags = (fields: Record<string, string | string[]>, who = 'secretariat', page = TAGS, action = TAGS) => submitForm(t, { page, action, fields, cookie: cookies[who] });

const countQueries = async (fn: () => Promise<unknown>) => (await queriesDuring(t.db, fn)).length;

/** A brief submitted through the form (multipart, as a browser sends it with no file chosen). */
async function submitWithForm(fields: Record<string, string | string[]>) {
  const page = '/en/publications/calls/call-2024/submit';
  const shown = await get(page, cookies.author);
  expect(shown.statusCode).toBe(200);
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...hiddenFields(shown.body, page), ...fields })) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  form.append('pdf', new Blob([], { type: 'application/octet-stream' }), '');
  const req = new Request('http://x/', { method: 'POST', body: form });
  return t.app.inject({ method: 'POST', url: page, headers: { cookie: mergeCookies(cookies.author!, shown), 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(await req.arrayBuffer()) });
}

const briefFields = (title: string, over: Record<string, string | string[]> = {}) => ({
  locale: 'en',
  title,
  abstract: 'What the research says.',
  summary: '',
  keywords: '',
  recommendations: '',
  authors: 'Awa Ndiaye',
  audiences: ['policymaker'],
  body: 'A text.',
  ...over,
});

async function publish(number: string): Promise<void> {
  const { id } = await item(number);
  for (const step of ['desk-check', 'accept', 'copyedit', 'publish'] as const) expect((await takeStep(t.db, secretariat, id, step, '', ctx())).ok).toBe(true);
}

beforeAll(async () => {
  t = await testApp();
  // A working group with two reports, each published for consultation (pre-final).
  const groupId = await addWorkingGroup(t.db, { slug: 'foundational-learning', name: { en: 'Foundational Learning', fr: 'Apprentissages fondamentaux' }, summary: { en: 'Reading and counting.' } });
  await addReportVersion(t.db, groupId, 'background', { title: 'Learning to read in the early grades', markdown: '# Learning to read\n\nChildren learn to read best in a language they speak.\n\nStructured lessons help teachers.', stage: 'prefinal' });
  await addReportVersion(t.db, groupId, 'technology', { title: 'Technology in early-grade classrooms', markdown: '# Technology\n\nDevices alone do not help.', stage: 'prefinal' });
  // Open on the first, with two comments published and one hidden; closed on the second, with none.
  const open = (await addConsultation(t.db, { group: 'foundational-learning', report: 'background', number: 1, opensAt: new Date(Date.now() - 10 * DAY), closesAt: new Date(Date.now() + 5 * DAY), summary: { en: 'Tell us.' }, questions: [] }))!;
  for (const [i, hidden] of [undefined, undefined, 'Advertising.'].entries()) {
    await addComment(t.db, open, { who: { email: `c${i}@example.org`, name: `Commenter ${i}`, locale: 'en', group: 'teacher', country: 'KE' }, on: 'Children learn', body: `Comment ${i}`, locale: 'en', hoursAgo: 5, hidden });
  }
  await addConsultation(t.db, { group: 'foundational-learning', report: 'technology', number: 1, opensAt: new Date(Date.now() - 10 * DAY), closesAt: new Date(Date.now() - DAY), summary: { en: 'Tell us.' }, questions: [] });

  // A public meeting whose programme has the consultation session, and a draft meeting.
  const at = (d: string) => new Date(`${d}:00Z`);
  const meeting = await createMeeting(t.db, {
    slug: 'annual-meeting',
    title: { en: 'Annual meeting', fr: 'Réunion annuelle' },
    description: { en: '' },
    venueName: { en: 'Nairobi' },
    venueAddress: '',
    timeZone: 'Africa/Nairobi',
    startsAt: at('2024-12-02T06:00'),
    endsAt: at('2024-12-03T15:00'),
    status: 'closed',
    sessions: [
      { kind: 'consultation', title: { en: 'Consultation: the background report', fr: 'Consultation : le rapport de référence' }, startsAt: at('2024-12-02T11:00'), endsAt: at('2024-12-02T14:00') },
      { kind: 'break', title: { en: 'Lunch' }, startsAt: at('2024-12-02T09:30'), endsAt: at('2024-12-02T11:00') },
    ],
  });
  sessionId = (await programme(t.db, meeting)).find((s) => s.kind === 'consultation')!.id;
  const draft = await createMeeting(t.db, { slug: 'draft-meeting', title: { en: 'Secret planning' }, description: { en: '' }, venueName: { en: 'Paris' }, venueAddress: '', timeZone: 'Europe/Paris', startsAt: at('2026-05-02T06:00'), endsAt: at('2026-05-03T15:00'), status: 'draft', sessions: [{ kind: 'panel', title: { en: 'A session not yet announced' }, startsAt: at('2026-05-02T07:00'), endsAt: at('2026-05-02T08:00') }] });
  draftSessionId = (await programme(t.db, draft))[0]!.id;

  // The group's series, with its two reports published as items; the Compendium, with its call.
  const reports = await addSeries(t.db, { slug: 'fl-reports', kind: 'reports', prefix: 'FL', title: { en: 'Foundational Learning reports' }, workingGroupId: groupId });
  const compendium = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium 2024' } });
  await addCall(t.db, { seriesId: compendium, slug: 'call-2024', title: { en: 'Call 2024' } });
  const other = await addSeries(t.db, { slug: 'other', prefix: 'OT', title: { en: 'Another series' } });

  for (const [who, roles] of Object.entries({ secretariat: [{ role: 'secretariat' }], author: [], otherEditor: [{ role: 'pub_editor', scope: other }] })) {
    const { id } = await ensureUser(t.db, { email: `${who.toLowerCase()}@example.org`, name: who, roles });
    cookies[who] = `bridges_session=${await createSession(t.db, id, 'test')}`;
  }
  secretariat = (await actorByEmail(t.db, 'secretariat@example.org'))!;
  author = (await actorByEmail(t.db, 'author@example.org'))!;
  const group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
  for (const slug of ['background', 'technology']) {
    const report = (await reportOf(t.db, null, group, slug))!.report;
    await addReport(t.db, { seriesId: reports, submittedBy: author.id, locale: 'en', authors: [{ name: 'Awa Ndiaye', affiliation: '' }], meta: { en: { title: `The ${slug} report`, abstract: 'A report.', summary: '', keywords: [], recommendations: '' } }, body: 'Text.', reportId: report.id });
  }
  await publish('FL-01');
  await publish('FL-02');
});
afterAll(() => t.close());

describe('an editor sets the tags and the sessions of a report', () => {
  it('saves them through the form, audited, and the report’s page shows where it comes from in the reader’s language', async () => {
    const res = await postTags({ audiences: ['policymaker', 'researcher'], countries: ['SN', 'ke'], sdgTargets: ['4.c', '4.1'], sessionIds: [sessionId] });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/admin/publications/fl-01?notice=tagged');
    const saved = await item('FL-01');
    expect(saved).toMatchObject({ audiences: ['policymaker', 'researcher'], countries: ['SN', 'KE'], sdgTargets: ['4.1', '4.c'], sessionIds: [sessionId] });
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'publications.tags'), eq(auditLog.targetId, 'FL-01')));
    expect(audit).toMatchObject({ actorId: secretariat.id, before: { countries: [], sdgTargets: [], sessionIds: [] }, after: { countries: ['SN', 'KE'], sdgTargets: ['4.1', '4.c'], sessionIds: [sessionId] } });

    const fr = await get('/fr/publications/fl-01');
    expect(fr.statusCode).toBe(200);
    const provenance = fr.body.slice(fr.body.indexOf('id="provenance"'), fr.body.indexOf('id="languages"'));
    expect(provenance).toContain('D’où vient cette publication');
    expect(provenance).toMatch(/href="\/fr\/working-groups\/foundational-learning"><bdi[^>]*>Apprentissages fondamentaux<\/bdi>/);
    expect(provenance).toContain('href="/fr/working-groups/foundational-learning/reports/background"');
    expect(provenance).toContain('Learning to read in the early grades');
    expect(provenance).toContain('href="/fr/consultations/background-v1"');
    expect(provenance).toContain('Ouverte jusqu’au');
    // Two comments published; the hidden one is not counted.
    expect(provenance).toContain('2 commentaires publiés');
    // Not concluded: its comment-and-response report is not public, so not linked.
    expect(provenance).not.toContain('/responses');
    expect(provenance).toContain('href="/fr/meetings/annual-meeting/agenda"');
    expect(provenance).toContain('Consultation : le rapport de référence');
    expect(provenance).toContain('Réunion annuelle');
    expect(provenance).toContain('2 décembre 2024');
    // Tags in French, each a link to the list filtered by it.
    expect(fr.body).toContain('Sénégal');
    expect(fr.body).toMatch(/<a href="\/fr\/publications\?sdg=4.c"><bdi>4.c Enseignants<\/bdi><\/a>|<a href="\/fr\/publications\?sdg=4.c"[^>]*>4.c Enseignants<\/a>/);
    expect(fr.body).toContain('href="/fr/publications?country=KE"');

    const ar = await get('/ar/publications/fl-01');
    expect(ar.body).toContain('السنغال');
    expect(ar.body).toContain('4-1 التعليم الابتدائي والثانوي');
    const en = await get('/en/publications/fl-01');
    expect(en.body).toContain('4.1 Primary and secondary education');
    expect(en.body).toContain('2 comments published');
  });

  it('links the comment-and-response report only once the final report is published', async () => {
    const before = await get('/en/publications/fl-02');
    expect(before.body).toContain('href="/en/consultations/technology-v1"');
    expect(before.body).toContain('Closed on');
    expect(before.body).toContain('no comments published');
    expect(before.body).not.toContain('/consultations/technology-v1/responses');
    // No sessions named for this one: no line for them.
    expect(before.body).not.toContain('Discussed at');

    const group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
    const report = (await reportOf(t.db, null, group, 'technology'))!.report;
    await saveReport(t.db, secretariat, group, report, { title: 'Technology in early-grade classrooms (final)', markdown: '# Technology\n\nDevices alone do not help.\n\nTeachers do.', note: undefined });
    expect(await publishReport(t.db, secretariat, group, report, 'final')).toEqual({ ok: true });

    const after = await get('/en/publications/fl-02');
    expect(after.body).toContain('href="/en/consultations/technology-v1/responses"');
    expect(after.body).toContain('Comment-and-response report');
    // The working group's report is now shown at its newest published version.
    expect(after.body).toContain('Technology in early-grade classrooms (final)');
  });

  it('shows nothing of a draft meeting and refuses its sessions', async () => {
    const res = await postTags({ audiences: ['policymaker'], countries: ['SN'], sdgTargets: ['4.1'], sessionIds: [sessionId, draftSessionId] });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Choose the sessions from the list');
    expect(res.body).not.toContain('A session not yet announced');
    expect((await item('FL-01')).sessionIds).toEqual([sessionId]);
  });
});

describe('bad values are refused in the person’s language, the form kept', () => {
  it('refuses an unknown country, SDG target or session id, and shows what was typed', async () => {
    const res = await postTags({ audiences: ['researcher'], countries: ['SN', 'XX'], sdgTargets: ['4.2', '4.9'], sessionIds: [randomUUID()] });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Choose the countries from the list');
    expect(res.body).toContain('Choose the targets from the list');
    // What was chosen is still chosen.
    expect(res.body).toMatch(/<option value="SN" selected/);
    expect(res.body).toMatch(/value="4.2" checked/);
    expect(res.body).toMatch(/value="researcher" checked/);
    // Nothing stored.
    expect(await item('FL-01')).toMatchObject({ countries: ['SN', 'KE'], sdgTargets: ['4.1', '4.c'], audiences: ['policymaker', 'researcher'] });

    const unknownSession = await postTags({ audiences: [], countries: [], sdgTargets: [], sessionIds: [randomUUID()] });
    expect(unknownSession.statusCode).toBe(422);
    expect(unknownSession.body).toContain('Choose the sessions from the list');

    const fr = await postTags({ countries: ['ZZ'] }, 'secretariat', '/fr/admin/publications/fl-01/tags', '/fr/admin/publications/fl-01/tags');
    expect(fr.statusCode).toBe(422);
    expect(fr.body).toContain('Choisissez les pays dans la liste');
  });

  it('refuses them in the authors’ submission form too, keeping what the author typed', async () => {
    const res = await submitWithForm(briefFields('Reading in Senegal', { countries: ['SN', 'QQ'], sdgTargets: ['4.1'] }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Choose the countries from the list');
    expect(res.body).toContain('value="Reading in Senegal"');
    expect(res.body).toMatch(/<option value="SN" selected/);
    expect(await itemByNumber(t.db, 'CI2024-01')).toBeNull();
  });
});

describe('the list', () => {
  it('shows each item’s tags and narrows by audience, country and SDG target, with a constant number of queries', async () => {
    // Two briefs with their tags given in the submission form, published.
    expect((await submitWithForm(briefFields('Reading in Senegal', { countries: ['SN'], sdgTargets: ['4.1', '4.6'] }))).statusCode).toBe(303);
    expect((await submitWithForm(briefFields('Tablets in Brazil', { countries: ['BR'], sdgTargets: ['4.a'], audiences: ['researcher'] }))).statusCode).toBe(303);
    expect(await item('CI2024-01')).toMatchObject({ countries: ['SN'], sdgTargets: ['4.1', '4.6'] });
    await publish('CI2024-01');
    await publish('CI2024-02');

    const all = await get('/en/publications');
    expect(all.body).toContain('Reading in Senegal');
    expect(all.body).toContain('Tablets in Brazil');
    // The filters offer the countries in use, and only those.
    expect(all.body).toMatch(/<option value="BR"[^>]*>Brazil<\/option>/);
    expect(all.body).not.toContain('<option value="FR"');
    expect(all.body).toContain('4.6 Literacy and numeracy');

    const senegal = await get('/en/publications?country=SN');
    expect(senegal.body).toContain('Reading in Senegal');
    expect(senegal.body).toContain('The background report');
    expect(senegal.body).not.toContain('Tablets in Brazil');
    expect(senegal.body).toMatch(/<option value="SN" selected/);

    const facilities = await get('/fr/publications?sdg=4.a');
    expect(facilities.body).toContain('Tablets in Brazil');
    expect(facilities.body).not.toContain('Reading in Senegal');
    expect(facilities.body).toContain('4.a Installations scolaires et environnements d’apprentissage');
    expect(facilities.body).toContain('Brésil');

    const both = await get('/en/publications?country=SN&audience=researcher');
    expect(both.body).toContain('The background report');
    expect(both.body).not.toContain('Reading in Senegal');
    // A value that is no country or target is as if not given.
    expect((await get('/en/publications?country=XX&sdg=9.9')).body).toContain('Tablets in Brazil');

    // Signed in (never served from the page cache), the list costs the same with more items.
    const reader = await signedIn(t, { email: 'reader@example.org' });
    const before = await countQueries(() => get('/en/publications?country=SN', reader));
    expect((await submitWithForm(briefFields('Counting in Senegal', { countries: ['SN', 'ML'], sdgTargets: ['4.2'] }))).statusCode).toBe(303);
    await publish('CI2024-03');
    const after = await countQueries(() => get('/en/publications?country=SN', reader));
    expect(after).toBe(before);
  });
});

describe('who may set tags', () => {
  it('refuses anyone who does not edit the item’s series, by the form and by the service, whatever the id', async () => {
    const before = await item('FL-01');
    // The author of the item, and an editor of another series: no door to the editors' form.
    expect((await get(TAGS, cookies.author)).statusCode).toBe(403);
    expect((await get(TAGS, cookies.otherEditor)).statusCode).toBe(403);
    const forged = await submitForm(t, { page: '/en/publications/calls/call-2024/submit', action: TAGS, fields: { countries: 'FR' }, cookie: cookies.author, forge: true });
    expect(forged.statusCode).toBe(403);
    // The service itself refuses, for the item's id and for a guessed one.
    const input = { audiences: [], countries: ['FR'], sdgTargets: [], sessionIds: [] };
    await expect(saveTags(t.db, author, before.id, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveTags(t.db, null, before.id, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveTags(t.db, secretariat, randomUUID(), input)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await item('FL-01')).countries).toEqual(before.countries);
    // A brief has no sessions to be linked to.
    expect(await saveTags(t.db, secretariat, (await item('CI2024-01')).id, { ...input, sessionIds: [sessionId] })).toEqual({ ok: false, field: 'sessionIds', message: 'publications.tags.errors.sessionBrief' });
  });
});

describe('the pages', () => {
  it('are valid HTML: the landing page with where it comes from, the filtered list, the editors’ form and its errors', async () => {
    const pages = {
      landing: (await get('/en/publications/fl-01')).body,
      arabic: (await get('/ar/publications/fl-01')).body,
      list: (await get('/fr/publications?country=SN&sdg=4.1')).body,
      form: (await get(TAGS, cookies.secretariat)).body,
      errors: (await postTags({ countries: ['XX'], sdgTargets: ['4.1'] })).body,
      item: (await get('/en/admin/publications/fl-01?notice=tagged', cookies.secretariat)).body,
    };
    expect(pages.form).toContain('Meeting sessions where the report was discussed');
    expect(pages.item).toContain('The tags are saved.');
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const found: Record<string, string[]> = {};
    for (const [name, html] of Object.entries(pages)) {
      const report = await validator.validateString(html, join(fileURLToPath(new URL('../../../', import.meta.url)), 'page.html'));
      const messages = report.results.flatMap((r) => r.messages).map((m) => `${m.ruleId}: ${m.message} — …${html.slice(Math.max(0, m.offset - 60), m.offset + 60)}…`);
      if (messages.length) found[name] = messages;
    }
    expect(found).toEqual({});
  });
});
