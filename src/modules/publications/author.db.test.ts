import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { randomUUID } from 'node:crypto';
import { hiddenFields, linkMailedTo, mergeCookies, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail, createSession, ensureUser } from '../../platform/auth/service.js';
import type { Actor } from '../../platform/policy.js';
import { addCall, addSeries } from './factories.js';
import { inviteReviewer, itemByNumber, takeStep, type ItemView } from './service.js';

let t: TestApp;
let editor: Actor;
let author: string;
let stranger: string;
let editorCookie: string;
const ctx = () => ({ baseUrl: t.config.baseUrl });
const item = async (number: string) => (await itemByNumber(t.db, number)) as ItemView;
const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: { cookie } });
/** Pages met on the way, checked against the HTML standard at the end (the project's .htmlvalidate.json). */
const met = new Map<string, string>();
const keep = <R extends { body: string }>(name: string, res: R): R => (met.set(name, res.body), res);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/**
 * A form with a file posted as a browser does (multipart, JavaScript off): the page's hidden fields
 * (CSRF token, one-time key) and cookies, the fields, and the file field — empty, as a browser sends
 * it when no file was chosen, unless a file is given.
 */
async function postWithFile(
  page: string,
  action: string,
  cookie: string,
  fields: Record<string, string | string[]>,
  file?: { name: string; type: string; data: Buffer },
  opts: { shown?: LightMyRequestResponse; forge?: boolean } = {},
) {
  const shown = opts.shown ?? (await get(page, cookie));
  expect(shown.statusCode).toBe(200);
  const jar = mergeCookies(cookie, shown);
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...hiddenFields(shown.body, opts.forge ? undefined : action), ...fields })) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  form.append('pdf', file ? new Blob([new Uint8Array(file.data)], { type: file.type }) : new Blob([], { type: 'application/octet-stream' }), file?.name ?? '');
  const req = new Request('http://x/', { method: 'POST', body: form });
  return t.app.inject({ method: 'POST', url: action, headers: { cookie: jar, 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(await req.arrayBuffer()) });
}

const brief = {
  locale: 'fr',
  title: 'Lire dès la première année',
  abstract: 'Ce que la recherche dit de l’apprentissage de la lecture.',
  summary: 'Les enfants lisent mieux quand on leur enseigne les sons des lettres.',
  keywords: 'lecture, phonologie',
  recommendations: 'Former les enseignants.',
  authors: 'Awa Ndiaye (Université Cheikh Anta Diop)\nPierre Martin',
  audiences: ['policymaker', 'researcher'],
  body: '# Lire\n\nUn texte.\n\n<script>alert(1)</script>',
};
const SUBMIT = '/en/publications/calls/call-2025/submit';

beforeAll(async () => {
  t = await testApp();
  const seriesId = await addSeries(t.db, { slug: 'compendium-2025', prefix: 'CI2025', title: { en: 'Compendium of Insights 2025' } });
  await addCall(t.db, { seriesId, slug: 'call-2025', title: { en: 'Foundational learning', fr: 'Apprentissages fondamentaux' }, theme: { en: 'What works to teach reading.' } });
  await addCall(t.db, { seriesId, slug: 'old-call', title: { en: 'An old call' }, opensInDays: -90, days: 30 });
  await addCall(t.db, { seriesId, slug: 'next-call', title: { en: 'A call to come' }, opensInDays: 10 });
  await ensureUser(t.db, { email: 'editor@example.org', name: 'Edna Editor', roles: [{ role: 'pub_editor', scope: seriesId }] });
  editor = (await actorByEmail(t.db, 'editor@example.org'))!;
  editorCookie = `bridges_session=${await createSession(t.db, editor.id, 'test')}`;
  author = await signedIn(t, { email: 'author@example.org', name: 'Awa Ndiaye' });
  stranger = await signedIn(t, { email: 'stranger@example.org' });
});
afterAll(() => t.close());

describe('calls for briefs', () => {
  it('lists the open call with its theme, its deadline in UTC and a link to submit; a call to come says when it opens; a closed one is gone', async () => {
    const res = keep('calls', await get('/en/publications/calls'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Foundational learning');
    expect(res.body).toContain('What works to teach reading.');
    expect(res.body).toMatch(/Deadline: \w+ \d+, \d{4}, \d+:\d\d\s[AP]M \(UTC\)/);
    expect(res.body).toContain(`href="${SUBMIT}"`);
    expect(res.body).toContain('A call to come');
    expect(res.body).toMatch(/Opens on \w+ \d+, \d{4} \(UTC\)/);
    expect(res.body).not.toContain('/publications/calls/next-call/submit');
    expect(res.body).not.toContain('An old call');
    const fr = await get('/fr/publications/calls');
    expect(fr.body).toContain('Apprentissages fondamentaux');
    const ar = keep('calls ar', await get('/ar/publications/calls'));
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
  });

  it('sends an anonymous visitor to sign in before the form, and refuses an unknown or closed call', async () => {
    const res = await get(SUBMIT);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/en/sign-in?next=${encodeURIComponent(SUBMIT)}`);
    expect((await get('/en/publications/calls/no-such-call/submit', author)).statusCode).toBe(404);
    const closed = keep('closed call', await get('/en/publications/calls/old-call/submit', author));
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('This call is closed');
    expect(closed.body).not.toContain('name="title"');
    const toCome = await get('/en/publications/calls/next-call/submit', author);
    expect(toCome.statusCode).toBe(404);
    expect(toCome.body).toContain('This call is not open yet');
  });

  it('refuses a submission posted to a closed call, and stores nothing', async () => {
    const res = await postWithFile(SUBMIT, '/en/publications/calls/old-call/submit', author, { ...brief }, undefined, { forge: true });
    expect(res.statusCode).toBe(410);
    expect(await itemByNumber(t.db, 'CI2025-01')).toBeNull();
  });
});

describe('an author submits a brief', () => {
  it('shows the form again (422) without a title, with what was typed kept and nothing stored', async () => {
    const res = keep('submit 422', await postWithFile(SUBMIT, SUBMIT, author, { ...brief, title: '' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<title>Error: ');
    expect(res.body).toContain('href="#f-title"');
    expect(res.body).toContain('Ce que la recherche dit de l’apprentissage de la lecture.');
    expect(res.body).toContain('value="lecture, phonologie"');
    expect(res.body).toMatch(/<option value="fr" selected>/);
    expect(res.body).toMatch(/value="researcher" checked/);
    expect(await itemByNumber(t.db, 'CI2025-01')).toBeNull();
  });

  it('refuses a file that is not a PDF, whatever its name says, with a message and the input kept', async () => {
    const res = await postWithFile(SUBMIT, SUBMIT, author, { ...brief, body: '' }, { name: 'brief.pdf', type: 'application/pdf', data: PNG });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('The file must be a PDF.');
    expect(res.body).toContain('value="Lire dès la première année"');
    expect(res.body).toContain('choose your PDF again');
    expect(await itemByNumber(t.db, 'CI2025-01')).toBeNull();
  });

  it('asks for the text or a PDF when neither is given', async () => {
    const res = await postWithFile(SUBMIT, SUBMIT, author, { ...brief, body: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Write the text of your brief, or attach it as a PDF.');
  });

  it('takes a brief in Markdown, numbered in its series, and a double click makes one item', async () => {
    const shown = await get(SUBMIT, author);
    const first = await postWithFile(SUBMIT, SUBMIT, author, { ...brief }, undefined, { shown });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/en/publications/mine/ci2025-01?notice=submitted');
    const again = await postWithFile(SUBMIT, SUBMIT, author, { ...brief }, undefined, { shown });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/en/publications/mine?notice=repeat');
    expect(await itemByNumber(t.db, 'CI2025-02')).toBeNull();
    const stored = await item('CI2025-01');
    expect(stored).toMatchObject({ state: 'submitted', locale: 'fr', audiences: ['policymaker', 'researcher'] });
    expect(stored.authors).toEqual([{ name: 'Awa Ndiaye', affiliation: 'Université Cheikh Anta Diop' }, { name: 'Pierre Martin', affiliation: '' }]);

    const page = keep('submission', await get(first.headers.location as string, author));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('your brief is submitted');
    expect(page.body).toContain('<bdi lang="fr">Lire dès la première année</bdi>');
    expect(page.body).toContain('<strong>Submitted</strong>');
    expect(page.body).toContain('An editor will check that your brief fits the call');
    expect(page.body).toContain('Withdraw this submission');
    const repeat = await get('/en/publications/mine?notice=repeat', author);
    expect(repeat.body).toContain('This form had already been sent');
  });

  it('takes a brief as a PDF, checked by its content, stored and readable by its author only', async () => {
    const res = await postWithFile(SUBMIT, SUBMIT, author, { ...brief, title: 'Compter avant d’écrire', body: '' }, { name: 'brief.pdf', type: 'application/pdf', data: PDF });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/publications/mine/ci2025-02?notice=submitted');
    expect((await item('CI2025-02')).pdfBytes).toBe(PDF.length);
    const page = await get('/en/publications/mine/ci2025-02', author);
    expect(page.body).toContain('href="/en/publications/mine/ci2025-02/pdf"');
    const pdf = await get('/en/publications/mine/ci2025-02/pdf', author);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.equals(PDF)).toBe(true);
    expect((await get('/en/publications/mine/ci2025-02/pdf', stranger)).statusCode).toBe(404);
  });

  it('lists one’s own submissions with identifier, title, stage in words and date; nobody else’s', async () => {
    const mine = keep('mine', await get('/en/publications/mine', author));
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('href="/en/publications/mine/ci2025-01"');
    expect(mine.body).toContain('Compter avant d’écrire');
    expect(mine.body).toContain('<td>Submitted</td>');
    expect(mine.body).toMatch(/<td>\w+ \d+, \d{4}<\/td>/);
    const theirs = await get('/en/publications/mine', stranger);
    expect(theirs.body).toContain('You have not submitted anything yet.');
    expect((await get('/en/publications/mine')).statusCode).toBe(302);
  });

  it('answers 404 to anyone but the author — a stranger, an editor, a guessed key — on every page of a submission', async () => {
    for (const path of ['', '/withdraw', '/revise', '/pdf']) {
      expect((await get(`/en/publications/mine/ci2025-01${path}`, stranger)).statusCode).toBe(404);
    }
    expect((await get('/en/publications/mine/ci2025-01', editorCookie)).statusCode).toBe(404);
    expect((await get('/en/publications/mine/ci2025-99', author)).statusCode).toBe(404);
    expect((await get('/en/publications/mine/..%2F..%2Fetc', author)).statusCode).toBe(404);
    const forged = await submitForm(t, { page: '/en/publications/mine', action: '/en/publications/mine/ci2025-01/withdraw', fields: { confirm: 'yes' }, cookie: stranger, forge: true });
    expect(forged.statusCode).toBe(404);
    expect((await item('CI2025-01')).state).toBe('submitted');
  });
});

describe('a reviewer reviews, and the author reads the comments meant for them', () => {
  let rev1: string;
  let rev2: string;
  let review1: string;
  let review2: string;

  beforeAll(async () => {
    const brief1 = await item('CI2025-01');
    for (const step of ['desk-check', 'send-to-review'] as const) expect((await takeStep(t.db, editor, brief1.id, step, '', ctx())).ok).toBe(true);
    for (const [email, name] of [
      ['rev1@example.org', 'Rita Reviewer'],
      ['rev2@example.org', 'Omar Other'],
    ] as const) {
      expect(await inviteReviewer(t.db, editor, brief1.id, { email, name, days: 14 }, { ...ctx(), locale: 'en' })).toEqual({ ok: true });
    }
    rev1 = await signedIn(t, { email: 'rev1@example.org' });
    rev2 = await signedIn(t, { email: 'rev2@example.org' });
    review1 = await linkMailedTo(t, 'rev1@example.org', /https?:\/\/\S+\/publications\/reviews\/[\w-]+/);
    review2 = await linkMailedTo(t, 'rev2@example.org', /https?:\/\/\S+\/publications\/reviews\/[\w-]+/);
  });

  it('lists the reviewer’s assignments with item, round, status and due date', async () => {
    const res = keep('reviews', await get('/en/publications/reviews', rev1));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="${review1}"`);
    expect(res.body).toContain('CI2025-01');
    expect(res.body).toContain('Invitation to answer');
    expect((await get('/en/publications/reviews', stranger)).body).toContain('You have no review assignment.');
  });

  it('shows an assignment to its reviewer only: 404 for anyone else, a guessed id and a non-uuid; sign-in for an anonymous visitor', async () => {
    expect((await get(review1, rev2)).statusCode).toBe(404);
    expect((await get(review1, author)).statusCode).toBe(404);
    expect((await get(`/en/publications/reviews/${randomUUID()}`, rev1)).statusCode).toBe(404);
    expect((await get('/en/publications/reviews/not-a-uuid', rev1)).statusCode).toBe(404);
    expect((await get(`${review1}/pdf`, rev2)).statusCode).toBe(404);
    const anonymous = await get(review1);
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/en/sign-in?next=');
    const page = keep('review invited', await get(review1, rev1));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Will you review it?');
    expect(page.body).toContain('Ce que la recherche dit de l’apprentissage de la lecture.');
    // The text, drawn from Markdown in its own language, without what the sanitizer removes; no author names.
    expect(page.body).toContain('<div class="prose" lang="fr" dir="ltr">');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('Awa Ndiaye');
  });

  it('needs the reason of a conflict of interest, then records it', async () => {
    const bare = keep('answer 422', await submitForm(t, { page: review2, action: `${review2}/answer`, fields: { answer: 'conflict', conflict: '' }, cookie: rev2 }));
    expect(bare.statusCode).toBe(422);
    expect(bare.body).toContain('Say what the conflict of interest is.');
    expect(bare.body).toMatch(/value="conflict" checked/);
    const declared = await submitForm(t, { page: review2, action: `${review2}/answer`, fields: { answer: 'conflict', conflict: 'I co-wrote the study it cites.' }, cookie: rev2 });
    expect(declared.statusCode).toBe(303);
    const page = await get(declared.headers.location as string, rev2);
    expect(page.body).toContain('You declared a conflict of interest');
    expect(page.body).toContain('I co-wrote the study it cites.');
    expect(page.body).not.toContain('class="prose"');
  });

  it('accepts once: a second answer is told, not failed; then the review needs comments for the author', async () => {
    const shown = await get(review1, rev1);
    const hidden = hiddenFields(shown.body, `${review1}/answer`);
    const post = (fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `${review1}/answer`, headers: { cookie: mergeCookies(rev1, shown), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...hidden, ...fields }).toString() });
    const accepted = await post({ answer: 'accept' });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`${review1}?notice=accepted`);
    const twice = await post({ answer: 'decline' });
    expect(twice.statusCode).toBe(303);
    expect(twice.headers.location).toBe(`${review1}?notice=answered`);
    expect((await get(twice.headers.location as string, rev1)).body).toContain('You have already answered this invitation.');

    const empty = keep('review 422', await submitForm(t, { page: review1, action: review1, fields: { recommendation: 'minor-revision', toAuthor: '', toEditor: 'Sound, but thin on costs.' }, cookie: rev1 }));
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#f-toAuthor"');
    expect(empty.body).toContain('Sound, but thin on costs.');
    const form = await get(review1, rev1);
    const fields = new URLSearchParams({ ...hiddenFields(form.body, review1), recommendation: 'minor-revision', toAuthor: 'Say which grades the study covers.', toEditor: 'Sound, but thin on costs.' }).toString();
    const review = () => t.app.inject({ method: 'POST', url: review1, headers: { cookie: mergeCookies(rev1, form), 'content-type': 'application/x-www-form-urlencoded' }, payload: fields });
    const sent = await review();
    expect(sent.headers.location).toBe(`${review1}?notice=sent`);
    const again = await review();
    expect(again.headers.location).toBe(`${review1}?notice=alreadySent`);
    expect((await get(again.headers.location as string, rev1)).body).toContain('Your review had already been sent');
    const page = keep('review done', await get(review1, rev1));
    expect(page.body).toContain('Publish after minor revisions');
    expect(page.body).toContain('Say which grades the study covers.');
    expect(page.body).toContain('The round is still open');
  });

  it('shows the author the comments meant for them, without the editor-only comments or the reviewers’ names, and the editors’ request', async () => {
    const brief1 = await item('CI2025-01');
    expect((await takeStep(t.db, editor, brief1.id, 'request-revision', 'Please answer the reviewer on grades.', ctx())).ok).toBe(true);
    const page = keep('submission with reviews', await get('/en/publications/mine/ci2025-01', author));
    expect(page.body).toContain('<strong>Revision requested</strong>');
    expect(page.body).toContain('Reviewer 1');
    expect(page.body).toContain('Say which grades the study covers.');
    expect(page.body).toContain('Please answer the reviewer on grades.');
    expect(page.body).toContain('href="/en/publications/mine/ci2025-01/revise"');
    for (const hidden of ['Sound, but thin on costs.', 'Rita', 'rev1@example.org', 'Omar', 'I co-wrote']) expect(page.body).not.toContain(hidden);
    // The reviewer sees that the round ended, and where the item stands.
    expect((await get(review1, rev1)).body).toContain('The round has ended. Where the item stands now: <bdi>Revision requested</bdi>.');
  });

  it('saves a revision of the working copy, then sends it once', async () => {
    const REVISE = '/en/publications/mine/ci2025-01/revise';
    const form = keep('revise', await get(REVISE, author));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Lire dès la première année"');
    expect(form.body).toMatch(/<input id="f-title" name="title" type="text" value="Lire dès la première année" class="input full" lang="fr"/);
    expect(form.body).toContain('Awa Ndiaye (Université Cheikh Anta Diop)\nPierre Martin');
    const fields = { ...brief, title: 'Lire dès la première année, du CP au CE1', body: '# Lire\n\nDu CP au CE1.', note: 'Grades named.' };
    const saved = await postWithFile(REVISE, REVISE, author, { ...fields, do: 'save' });
    expect(saved.headers.location).toBe(`${REVISE}?notice=saved`);
    const draft = await item('CI2025-01');
    expect(draft.state).toBe('revision_requested');
    expect(draft.body.replace(/\r\n/g, '\n')).toBe('# Lire\n\nDu CP au CE1.'); // a browser sends a text area's lines with CRLF
    const missing = keep('revise 422', await postWithFile(REVISE, REVISE, author, { ...fields, abstract: '', do: 'send' }));
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Lire dès la première année, du CP au CE1');
    expect((await item('CI2025-01')).state).toBe('revision_requested');

    const shown = await get(REVISE, author);
    const hidden = hiddenFields(shown.body, REVISE);
    const sent = await postWithFile(REVISE, REVISE, author, { ...fields, do: 'send' }, undefined, { shown });
    expect(sent.headers.location).toBe('/en/publications/mine/ci2025-01?notice=revised');
    const revised = await item('CI2025-01');
    expect(revised.state).toBe('revised');
    expect(revised.meta.fr!.title).toBe('Lire dès la première année, du CP au CE1');
    const twice = await t.app.inject({ method: 'POST', url: REVISE, headers: { cookie: mergeCookies(author, shown), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...hidden, ...fields, audiences: 'researcher', do: 'send' }).toString() });
    expect(twice.statusCode).toBe(303);
    expect(twice.headers.location).toBe('/en/publications/mine/ci2025-01?notice=notOpen');
    const page = await get('/en/publications/mine/ci2025-01', author);
    expect(page.body).toContain('Grades named.');
    expect(page.body).toContain('<strong>Revised</strong>');
  });
});

describe('withdrawing', () => {
  it('needs the box ticked on its own page; a second click is told it is done', async () => {
    const PAGE = '/en/publications/mine/ci2025-02/withdraw';
    const unticked = keep('withdraw 422', await submitForm(t, { page: PAGE, action: PAGE, fields: { note: 'Published elsewhere.' }, cookie: author }));
    expect(unticked.statusCode).toBe(422);
    expect(unticked.body).toContain('Tick the box to confirm that you withdraw your submission.');
    expect(unticked.body).toContain('Published elsewhere.');
    expect((await item('CI2025-02')).state).toBe('submitted');
    const shown = await get(PAGE, author);
    const hidden = hiddenFields(shown.body, PAGE);
    const post = () => t.app.inject({ method: 'POST', url: PAGE, headers: { cookie: mergeCookies(author, shown), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...hidden, confirm: 'yes', note: 'Published elsewhere.' }).toString() });
    const done = await post();
    expect(done.headers.location).toBe('/en/publications/mine/ci2025-02?notice=withdrawn');
    expect((await item('CI2025-02')).state).toBe('withdrawn');
    const twice = await post();
    expect(twice.headers.location).toBe('/en/publications/mine/ci2025-02?notice=notOpen');
    const page = await get('/en/publications/mine/ci2025-02', author);
    expect(page.body).toContain('<strong>Withdrawn</strong>');
    expect(page.body).toContain('Published elsewhere.');
    expect(page.body).not.toContain('Withdraw this submission');
  });
});

describe('in Arabic', () => {
  it('renders the author’s and the reviewer’s pages right to left, the French texts marked as French', async () => {
    for (const [path, cookie] of [
      ['/ar/publications/mine', author],
      ['/ar/publications/mine/ci2025-01', author],
      ['/ar/publications/reviews', stranger],
      ['/ar/publications/calls/call-2025/submit', author],
    ] as const) {
      const res = keep(path, await get(path, cookie));
      expect(res.statusCode, path).toBe(200);
      expect(res.body).toContain('<html lang="ar" dir="rtl">');
    }
    const mine = await get('/ar/publications/mine/ci2025-01', author);
    expect(mine.body).toContain('<bdi lang="fr" dir="ltr">Lire dès la première année, du CP au CE1</bdi>');
    expect(mine.body).toContain('مُنقَّح');
  });
});

describe('the pages met above', () => {
  it('are valid HTML', async () => {
    expect(met.size).toBeGreaterThan(15);
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const found: Record<string, string[]> = {};
    for (const [name, html] of met) {
      const report = await validator.validateString(html, join(fileURLToPath(new URL('../../../', import.meta.url)), 'page.html'));
      const messages = report.results.flatMap((r) => r.messages).map((m) => `${m.ruleId}: ${m.message} — …${html.slice(Math.max(0, m.offset - 60), m.offset + 60)}…`);
      if (messages.length) found[name] = messages;
    }
    expect(found).toEqual({});
  });
});
