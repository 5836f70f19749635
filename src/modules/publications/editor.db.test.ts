import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hiddenFields, mergeCookies, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail, createSession, ensureUser } from '../../platform/auth/service.js';
import { outbox } from '../../platform/mail/schema.js';
import { fileStore } from '../../platform/files/storage.js';
import type { Actor } from '../../platform/policy.js';
import { addCall, addSeries } from './factories.js';
import { reviewAssignments } from './schema.js';
import { publicationsTodo } from './todo.js';
import { answerInvitation, callBySlug, itemByNumber, landing, submitBrief, submitReview, type ItemView } from './service.js';

let t: TestApp;
let seriesId: string;
let otherSeriesId: string;
const cookies: Record<string, string> = {};
const actors: Record<string, Actor> = {};
const PEOPLE = {
  author: [] as { role: string; scope?: string }[],
  stranger: [],
  otherEditor: [] as { role: string; scope?: string }[],
  secretariat: [{ role: 'secretariat' }],
  editor: [] as { role: string; scope?: string }[],
};
type Who = keyof typeof PEOPLE | 'anonymous';

const ITEM = '/en/admin/publications/ci2024-01';
const item = async (number: string) => (await itemByNumber(t.db, number)) as ItemView;
const get = (url: string, who: Who) => t.app.inject({ url, headers: { cookie: who === 'anonymous' ? '' : cookies[who]! } });
/** Posts a form of a page as the editor; `forge` posts to an action the page has no form for (by hand). */
const post = (who: Exclude<Who, 'anonymous'>, page: string, action: string, fields: Record<string, string | string[]>, forge = false) => submitForm(t, { page, action, fields, cookie: cookies[who], forge });
/** The same form sent twice (a double click): one page, one form key. */
async function postTwice(page: string, action: string, fields: Record<string, string>) {
  const res = await get(page, 'editor');
  const cookie = mergeCookies(cookies.editor!, res);
  const payload = new URLSearchParams({ ...hiddenFields(res.body, action), ...fields }).toString();
  const send = () => t.app.inject({ method: 'POST', url: action, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload });
  return [await send(), await send()];
}
const step = (action: string, note = '') => post('editor', ITEM, `${ITEM}/steps/${action}`, { note });

const submission = {
  locale: 'fr' as const,
  title: 'Lire dès la première année',
  abstract: 'Ce que la recherche dit de l’apprentissage de la lecture.',
  summary: 'Les enfants lisent mieux quand on leur enseigne les sons des lettres.',
  keywords: 'lecture, phonologie',
  recommendations: 'Former les enseignants.',
  authors: 'Awa Ndiaye (Université Cheikh Anta Diop)',
  body: '# Lire\n\nUn texte <script>alert(1)</script> **important**.',
  audiences: ['policymaker' as const],
};

beforeAll(async () => {
  t = await testApp();
  seriesId = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium of Insights 2024' } });
  otherSeriesId = await addSeries(t.db, { slug: 'fl-reports', kind: 'reports', prefix: 'FL', title: { en: 'Foundational learning reports' } });
  await addCall(t.db, { seriesId, slug: 'call-2024', title: { en: 'Call for briefs 2024' } });
  PEOPLE.editor = [{ role: 'pub_editor', scope: seriesId }];
  PEOPLE.otherEditor = [{ role: 'pub_editor', scope: otherSeriesId }];
  for (const [who, roles] of Object.entries(PEOPLE)) {
    const email = `${who.toLowerCase()}@example.org`;
    const { id } = await ensureUser(t.db, { email, name: who, roles });
    cookies[who] = `bridges_session=${await createSession(t.db, id, 'test')}`;
    actors[who] = (await actorByEmail(t.db, email))!;
  }
  const call = (await callBySlug(t.db, 'call-2024'))!;
  expect(await submitBrief(t.db, actors.author!, call, submission, { baseUrl: t.config.baseUrl })).toEqual({ ok: true, number: 'CI2024-01' });
  const pdf = { key: await fileStore(t.db, t.config).put(Buffer.from('%PDF-1.4\n%%EOF\n')), bytes: 15 };
  expect(await submitBrief(t.db, actors.author!, call, { ...submission, locale: 'en', title: 'Reading in the first grade', abstract: 'What research says.', body: '', pdf }, { baseUrl: t.config.baseUrl })).toMatchObject({ ok: true });
});
afterAll(() => t.close());

describe('who may open the editors’ pages', () => {
  const pages = ['/en/admin/publications', ITEM, `${ITEM}/texts?language=ar`, '/en/admin/publications/calls', '/en/admin/publications/calls/new'];
  const expected: Record<Who, number[]> = {
    anonymous: [302, 302, 302, 302, 302],
    stranger: [403, 403, 403, 403, 403],
    author: [403, 403, 403, 403, 403],
    // An editor of another series has a queue (without this series' items), and no door to this series' items.
    otherEditor: [200, 403, 403, 200, 200],
    secretariat: [200, 200, 200, 200, 200],
    editor: [200, 200, 200, 200, 200],
  };
  for (const [who, codes] of Object.entries(expected) as [Who, number[]][]) {
    it(`${who}: ${codes.join(', ')}`, async () => {
      for (const [i, page] of pages.entries()) {
        const res = await get(page, who);
        expect(res.statusCode, page).toBe(codes[i]);
        if (codes[i] === 302) expect(res.headers.location).toBe(`/en/sign-in?next=${encodeURIComponent(page)}`);
      }
    });
  }

  it('lists only the items of the series one edits', async () => {
    expect((await get('/en/admin/publications', 'otherEditor')).body).not.toContain('CI2024-01');
    expect((await get('/en/admin/publications', 'secretariat')).body).toContain('CI2024-01');
  });

  it('refuses a step posted by the author, a stranger or another series’ editor, and changes nothing', async () => {
    for (const who of ['author', 'stranger', 'otherEditor'] as const) {
      const res = await post(who, '/en', `${ITEM}/steps/desk-check`, { note: '' }, true);
      expect(res.statusCode, who).toBe(403);
    }
    const anonymous = await t.app.inject({ method: 'POST', url: `${ITEM}/steps/desk-check`, payload: { note: '' } });
    expect(anonymous.statusCode).toBe(403);
    expect((await item('CI2024-01')).state).toBe('submitted');
  });

  it('serves an item’s PDF to its editors only', async () => {
    const page = (await get('/en/admin/publications/ci2024-02', 'editor')).body;
    expect(page).toContain('href="/en/admin/publications/ci2024-02/pdf">Open the PDF (1 KB)</a>');
    const pdf = await get('/en/admin/publications/ci2024-02/pdf', 'editor');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body).toContain('%PDF-1.4');
    expect((await get('/en/admin/publications/ci2024-02/pdf', 'otherEditor')).statusCode).toBe(403);
    expect((await get('/en/admin/publications/ci2024-02/pdf', 'author')).statusCode).toBe(403);
    expect((await get(`${ITEM}/pdf`, 'editor')).statusCode).toBe(404);
  });

  it('answers 404 for an item that does not exist, and for a step that does not exist', async () => {
    expect((await get('/en/admin/publications/ci2024-99', 'editor')).statusCode).toBe(404);
    expect((await post('editor', ITEM, `${ITEM}/steps/teleport`, {}, true)).statusCode).toBe(404);
  });
});

describe('an editor takes a brief from the desk to publication', () => {
  it('shows the item: its texts in their language, its body rendered safely, its authors, and the steps open now', async () => {
    const page = (await get(ITEM, 'editor')).body;
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toContain('Lire dès la première année');
    expect(page).toMatch(/<bdi lang="fr"[^>]*>Lire dès la première année<\/bdi> <span class="untranslated">\(French\)<\/span>/);
    expect(page).toContain('<strong>important</strong>');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('Awa Ndiaye');
    expect(page).toContain(`action="${ITEM}/steps/desk-check"`);
    expect(page).toContain(`action="${ITEM}/steps/decline"`);
    expect(page).not.toContain(`action="${ITEM}/steps/publish"`);
    // A link per language opens the texts' form in that language, the interface staying in English.
    expect(page).toContain(`href="${ITEM}/texts?language=ar"`);
    expect(page).toContain('Add the Arabic version');
  });

  it('a decline without a note gives the form again (422) with the message, and the item is unchanged', async () => {
    const res = await step('decline');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Write a message to the author: what to revise, or why the item is not accepted.');
    expect(res.body).toContain('href="#f-step-decline-note"');
    expect(res.body).toContain('id="f-step-decline-note"');
    expect((await item('CI2024-01')).state).toBe('submitted');
  });

  it('a step not open now (publish from submitted, posted by hand) is refused with a message, not a 500', async () => {
    const res = await post('editor', ITEM, `${ITEM}/steps/publish`, { note: '' }, true);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${ITEM}?notice=refused-publish`);
    const page = (await t.app.inject({ url: res.headers.location as string, headers: { cookie: cookies.editor! } })).body;
    expect(page).toContain('“Publish” is not possible now. The item’s state: Submitted.');
    expect((await item('CI2024-01')).state).toBe('submitted');
  });

  it('takes the desk check and sends to review; each step is logged and shown in the history', async () => {
    const res = await step('desk-check');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${ITEM}?notice=done-desk_check`);
    const sent = await step('send-to-review');
    expect(sent.statusCode).toBe(303);
    const page = (await get(sent.headers.location as string, 'editor')).body;
    expect(page).toContain('Done. The item’s state is now: In review.');
    expect(page).toContain('Editor’s check → In review');
    expect(page).toContain('Invite a reviewer for round 1');
    expect((await item('CI2024-01')).state).toBe('in_review');
  });

  it('refuses to invite the author, as a field error with what was typed kept', async () => {
    const res = await post('editor', ITEM, `${ITEM}/reviewers`, { email: 'AUTHOR@example.org', name: 'The author', days: '14' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('This person is an author of the item and cannot review it.');
    expect(res.body).toContain('href="#f-invite-email"');
    expect(res.body).toContain('value="AUTHOR@example.org"');
    expect(res.body).toContain('value="The author"');
    const bad = await post('editor', ITEM, `${ITEM}/reviewers`, { email: 'rev@example.org', name: 'Rev', days: '1' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Give a number of days from 3 to 90.');
  });

  it('invites reviewers; one who declared a conflict cannot be invited again (a field error); the reviews show on the page', async () => {
    for (const r of ['rev1', 'rev2', 'rev3']) {
      const res = await post('editor', ITEM, `${ITEM}/reviewers`, { email: `${r}@example.org`, name: r, days: '14' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${ITEM}?notice=invited`);
    }
    expect((await t.db.select().from(outbox).where(eq(outbox.toAddress, 'rev1@example.org'))).map((m) => m.subject)).toEqual(['Will you review CI2024-01?']);
    const rev1 = (await actorByEmail(t.db, 'rev1@example.org'))!;
    const rev2 = (await actorByEmail(t.db, 'rev2@example.org'))!;
    const [a1] = await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.reviewerId, rev1.id));
    const [a2] = await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.reviewerId, rev2.id));
    await answerInvitation(t.db, rev2, a2!.id, { answer: 'conflict', conflict: 'I co-wrote the study it cites.' });
    await answerInvitation(t.db, rev1, a1!.id, { answer: 'accept', conflict: undefined });
    await submitReview(t.db, rev1, a1!.id, { recommendation: 'minor-revision', toAuthor: 'Say which grades.', toEditor: 'Sound, publish after the fix.' });
    // One review in, another still to come (rev3 has not answered): the item does not wait on its editors yet.
    const waiting = async () => (await publicationsTodo(t.db, actors.editor!, { locale: 'en', now: new Date() }))[0]!.items.find((i) => i.label === 'publications.todo.reviewsIn')!.count;
    expect(await waiting()).toBe(0);
    const rev3 = (await actorByEmail(t.db, 'rev3@example.org'))!;
    const [a3] = await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.reviewerId, rev3.id));
    await answerInvitation(t.db, rev3, a3!.id, { answer: 'decline', conflict: undefined });

    expect(await waiting()).toBe(1);
    const again = await post('editor', ITEM, `${ITEM}/reviewers`, { email: 'rev2@example.org', name: 'rev2', days: '14' });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('This person declared a conflict of interest on this item.');
    expect(again.body).toContain('value="rev2@example.org"');

    const page = (await get(ITEM, 'editor')).body;
    expect(page).toContain('Round 1');
    expect(page).toContain('Publish after minor revisions');
    expect(page).toContain('Sound, publish after the fix.');
    expect(page).toContain('Say which grades.');
    expect(page).toContain('I co-wrote the study it cites.');
    expect(page).toContain('Declared a conflict of interest');
  });

  it('counts the queue per state, filters it, and lists what waits on the Secretariat’s home', async () => {
    const queue = (await get('/en/admin/publications', 'editor')).body;
    expect(queue).toContain('All (2)');
    expect(queue).toContain('Submitted (1)');
    expect(queue).toContain('In review (1)');
    expect(queue).toContain('Every review in (1)');
    const submitted = (await get('/en/admin/publications?state=submitted', 'editor')).body;
    expect(submitted).toContain('CI2024-02');
    expect(submitted).not.toContain('CI2024-01');
    expect(submitted).toContain('State: Submitted — 1 item');
    const ready = (await get('/en/admin/publications?state=in_review&reviews=in', 'editor')).body;
    expect(ready).toContain('CI2024-01');
    expect(ready).not.toContain('CI2024-02');
    // A filter that is not a state shows everything rather than failing.
    expect((await get('/en/admin/publications?state=nonsense', 'editor')).statusCode).toBe(200);

    const [group] = await publicationsTodo(t.db, actors.editor!, { locale: 'en', now: new Date() });
    expect(group!.items.filter((i) => i.count > 0).map((i) => [i.label, i.count, i.href])).toEqual([
      ['publications.todo.submitted', 1, '/admin/publications?state=submitted'],
      ['publications.todo.reviewsIn', 1, '/admin/publications?state=in_review&reviews=in'],
    ]);
    const [other] = await publicationsTodo(t.db, actors.otherEditor!, { locale: 'en', now: new Date() });
    expect(other!.items.every((i) => i.count === 0)).toBe(true);
    expect(await publicationsTodo(t.db, actors.stranger!, { locale: 'en', now: new Date() })).toEqual([]);
  });

  it('edits the working copy in its own language while open', async () => {
    const form = (await get(`${ITEM}/texts?language=fr`, 'editor')).body;
    expect(form).toContain('You are writing the working copy in French');
    expect(form).toContain('name="authors"');
    const res = await post('editor', `${ITEM}/texts?language=fr`, `${ITEM}/texts`, {
      language: 'fr',
      title: 'Lire dès la première année',
      abstract: 'Résumé revu.',
      authors: 'Awa Ndiaye (Université Cheikh Anta Diop)\nPierre Martin',
      body: '# Lire\n\nUn texte revu.',
      audiences: ['policymaker', 'researcher'],
    });
    expect(res.headers.location).toBe(`${ITEM}?notice=saved`);
    const now = await item('CI2024-01');
    expect(now.meta.fr!.abstract).toBe('Résumé revu.');
    expect(now.authors).toHaveLength(2);
    expect(now.audiences).toEqual(['policymaker', 'researcher']);
  });

  it('accepts, copy-edits and publishes version 1', async () => {
    for (const a of ['accept', 'copyedit', 'publish']) expect((await step(a)).headers.location).toBe(`${ITEM}?notice=done-${a}`);
    const published = await item('CI2024-01');
    expect(published.state).toBe('published');
    expect(published.currentVersion).toBe(1);
    const page = (await get(ITEM, 'editor')).body;
    expect(page).toContain('No editor’s step is open in this state.');
    expect(page).toContain(`href="${ITEM}/versions/new"`);
  });

  it('publishes a version 2, asking what changed; version 1 stays', async () => {
    const page = `${ITEM}/versions/new`;
    const form = (await get(page, 'editor')).body;
    expect(form).toContain('Un texte revu.');
    const fields = { language: 'fr', title: 'Lire dès la première année', abstract: 'Résumé de 2025.', authors: 'Awa Ndiaye', body: '# Lire\n\nChiffres de 2025.', note: '' };
    const missing = await post('editor', page, `${ITEM}/versions`, fields);
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Say what changed in this version.');
    expect(missing.body).toContain('Chiffres de 2025.');
    // A double click publishes one version.
    const [ok, repeat] = await postTwice(page, `${ITEM}/versions`, { ...fields, note: 'Figures of 2025.' });
    expect(ok!.headers.location).toBe(`${ITEM}?notice=version`);
    expect(repeat!.headers.location).toBe(`${ITEM}?notice=repeat`);
    expect((await item('CI2024-01')).currentVersion).toBe(2);
    expect((await landing(t.db, null, 'ci2024-01', 1))!.version.meta.fr!.abstract).toBe('Résumé revu.');
    expect((await landing(t.db, null, 'ci2024-01'))!.version.note).toBe('Figures of 2025.');
  });

  it('adds an English translation, listed on the original with its state; a second one in English is refused', async () => {
    const page = `${ITEM}/translations/new?language=en`;
    const fields = { locale: 'en', method: 'human', title: 'Reading from the first grade', abstract: 'What research says about reading.', body: '# Reading\n\nA text.' };
    const res = await post('editor', page, `${ITEM}/translations`, fields);
    expect(res.headers.location).toBe('/en/admin/publications/ci2024-01-en?notice=translated');
    const translation = await item('CI2024-01-EN');
    expect(translation.state).toBe('copyediting');
    expect(translation.translationMethod).toBe('human');
    const original = (await get(ITEM, 'editor')).body;
    expect(original).toContain('href="/en/admin/publications/ci2024-01-en"');
    expect(original).toContain('Copy-editing');
    expect((await get('/en/admin/publications/ci2024-01-en', 'editor')).body).toContain(`href="${ITEM}"`);
    // English is no longer offered; posted anyway, it is refused on the form.
    expect((await get(`${ITEM}/translations/new`, 'editor')).body).not.toContain(`${ITEM}/translations/new?language=en"`);
    const twice = await post('editor', `${ITEM}/translations/new`, `${ITEM}/translations`, fields, true);
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain('A translation into this language exists already.');
  });

  it('opens the Arabic texts’ form with right-to-left fields, the interface staying English, and saves them without a new version', async () => {
    const form = (await get(`${ITEM}/texts?language=ar`, 'editor')).body;
    expect(form).toContain('<html lang="en" dir="ltr">');
    expect(form).toMatch(/<input id="f-title" name="title" type="text" value="" class="input full" lang="ar" dir="rtl"/);
    expect(form).toMatch(/<textarea id="f-abstract" name="abstract"[^>]* lang="ar" dir="rtl"/);
    expect(form).toContain('<input type="hidden" name="language" value="ar"');
    expect(form).not.toContain('name="body"');
    // The switcher to French keeps the language being written.
    expect(form).toContain(`href="/fr/admin/publications/ci2024-01/texts?language=ar"`);
    const empty = await post('editor', `${ITEM}/texts?language=ar`, `${ITEM}/texts`, { language: 'ar', title: 'القراءة منذ السنة الأولى', abstract: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('value="القراءة منذ السنة الأولى"');
    expect(empty.body).toMatch(/<input id="f-title"[^>]* lang="ar" dir="rtl"/);
    const saved = await post('editor', `${ITEM}/texts?language=ar`, `${ITEM}/texts`, { language: 'ar', title: 'القراءة منذ السنة الأولى', abstract: 'ما تقوله البحوث.', keywords: 'قراءة، صوتيات' });
    expect(saved.headers.location).toBe(`${ITEM}?notice=saved`);
    const now = await item('CI2024-01');
    expect(now.meta.ar!.keywords).toEqual(['قراءة', 'صوتيات']);
    expect(now.currentVersion).toBe(2);
    expect((await get(ITEM, 'editor')).body).toContain('<span lang="ar" dir="rtl">القراءة منذ السنة الأولى</span>');
    // The item's own language, once published, changes only by a new version.
    expect((await get(`${ITEM}/texts?language=fr`, 'editor')).body).toContain('change only with a new version');
    // In Arabic, the page is right to left.
    expect((await get(`/ar/admin/publications/ci2024-01`, 'editor')).body).toContain('<html lang="ar" dir="rtl">');
  });
});

describe('calls for briefs', () => {
  const page = '/en/admin/publications/calls/new';
  const fields = () => ({ series: seriesId, title: 'Call for briefs 2026', theme: 'Learning to read in the mother tongue.', opensOn: '2026-01-10', closesOn: '2026-03-31', slug: 'call-2026' });

  it('checks the dates and the address, keeping what was typed', async () => {
    const res = await post('editor', page, page, { ...fields(), closesOn: '2026-01-01', slug: 'Call 2026!' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Use 3 to 80 lower-case letters, digits and hyphens.');
    expect(res.body).toContain('value="Call for briefs 2026"');
  });

  it('opens a call in a series one edits, and lists it; another series’ editor cannot choose this series', async () => {
    const bad = await post('editor', page, page, { ...fields(), closesOn: '2026-01-01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('The deadline must come after the opening day.');
    const res = await post('editor', page, page, fields());
    expect(res.headers.location).toBe('/en/admin/publications/calls?notice=created');
    const call = (await callBySlug(t.db, 'call-2026'))!;
    expect(call.title).toEqual({ en: 'Call for briefs 2026' });
    expect(call.closesAt.toISOString()).toBe('2026-03-31T23:59:59.000Z');
    const list = (await get('/en/admin/publications/calls', 'editor')).body;
    expect(list).toContain('Call for briefs 2026');
    expect(list).toContain('Call for briefs 2024');
    expect((await post('editor', page, page, fields())).body).toContain('This address is already used.');

    expect((await get(page, 'otherEditor')).body).not.toContain(seriesId);
    const other = await post('otherEditor', page, page, { ...fields(), slug: 'call-2027' });
    expect(other.statusCode).toBe(422);
    expect(other.body).toContain('Choose one of the options.');
    expect(await callBySlug(t.db, 'call-2027')).toBeNull();
    expect((await get('/en/admin/publications/calls', 'otherEditor')).body).not.toContain('Call for briefs 2026');
  });
});
