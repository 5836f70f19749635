/**
 * Consultations in the public API (/api/v1), on the demo alliance: every consultation as its page
 * shows it, and its comment-and-response report only once it is public (the final version
 * published), with no commenter named who chose not to be, and no comment that is not published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { signedIn, testApp, type TestApp } from '../../testing/app.js';
import { translate } from '../../platform/i18n/messages.js';
import { consultationComments as cc, consultations } from './schema.js';

let t: TestApp;
let n = 0;
const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: { cookie }, remoteAddress: `10.81.0.${n++ % 250}` });
const CONCLUDED = 'coaching-at-a-distance-v1';
const OPEN = 'background-report-v1';

beforeAll(async () => {
  t = await testApp({}, { demo: true });
}, 120_000);
afterAll(() => t.close());

describe('consultations in the API', () => {
  it('lists every consultation with its status, and gives each with its questions', async () => {
    const list = (await get('/api/v1/consultations?limit=100')).json();
    const bySlug = new Map(list.data.map((c: { slug: string; status: string }) => [c.slug, c]));
    expect(bySlug.get(CONCLUDED)).toMatchObject({ status: 'concluded', links: { outcome: `${t.config.baseUrl}/api/v1/consultations/${CONCLUDED}/outcome` } });
    expect(bySlug.get(OPEN)).toMatchObject({ status: 'open', audience: 'public', links: { outcome: null } });
    expect((await get('/api/v1/consultations?status=concluded')).json().data.map((c: { slug: string }) => c.slug)).toEqual([CONCLUDED]);
    const one = (await get(`/api/v1/consultations/${OPEN}`)).json();
    expect(one.questions[0]).toMatchObject({ id: 'q1', paragraph: null, text: { en: 'What evidence from your country should the report add?' } });
    expect(one.comments).toBeGreaterThan(0);
    expect((await get('/api/v1/consultations/no-such-consultation')).statusCode).toBe(404);
  });

  it('keeps the outcome of an open consultation to those who run it: a 404 in the API, whoever asks', async () => {
    const chair = await signedIn(t, { email: 'sec-outcome@example.org', roles: ['secretariat'] });
    // The Secretariat previews the report on the site...
    expect((await get(`/en/consultations/${OPEN}/responses`, chair)).statusCode).toBe(200);
    // ...which the API does not show to anyone before it is public.
    for (const cookie of ['', chair]) {
      for (const url of [`/api/v1/consultations/${OPEN}/outcome`, `/api/v1/consultations/${OPEN}/outcome/comments`]) {
        const res = await get(url, cookie);
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error).toEqual({ status: 404, code: 'not_public', message: translate('en', 'api.errors.outcomeNotPublic') });
      }
    }
  });

  it('gives a concluded outcome: its figures, and each published comment with its answer, naming only who chose to be named', async () => {
    const [c] = await t.db.select().from(consultations).where(eq(consultations.slug, CONCLUDED));
    const rows = await t.db.select().from(cc).where(and(eq(cc.consultationId, c!.id), eq(cc.state, 'published'), isNull(cc.parentId)));
    // One commenter chose to be shown by their group only; another comment is hidden by a moderator.
    const [anonymous, hidden] = rows;
    await t.db.update(cc).set({ display: 'group' }).where(eq(cc.id, anonymous!.id));
    await t.db.update(cc).set({ state: 'hidden', hiddenReason: 'Off topic' }).where(eq(cc.id, hidden!.id));

    const outcome = (await get(`/api/v1/consultations/${CONCLUDED}/outcome`)).json();
    expect(outcome).toMatchObject({ slug: CONCLUDED, finalVersion: 2, totals: { comments: rows.length - 1 } });
    const comments = (await get(`/api/v1/consultations/${CONCLUDED}/outcome/comments?limit=100`)).json();
    expect(comments.total).toBe(rows.length - 1);
    const ids = comments.data.map((x: { id: string }) => x.id);
    expect(ids).not.toContain(hidden!.id);
    const shown = comments.data.find((x: { id: string }) => x.id === anonymous!.id);
    expect(shown.who).toMatchObject({ name: null, organization: '' });
    // Their name appears nowhere (unless they also wrote a comment under their name).
    if (!rows.some((r) => r.id !== anonymous!.id && r.authorName === anonymous!.authorName)) expect(JSON.stringify(comments)).not.toContain(anonymous!.authorName);
    expect(JSON.stringify(comments)).not.toContain(hidden!.body);
    for (const x of comments.data) {
      const row = rows.find((r) => r.id === x.id)!;
      if (row.display === 'name' && row.id !== anonymous!.id) expect(x.who.name).toBe(row.authorName || null);
      expect(x.answer).not.toBeNull();
    }
  });
});
