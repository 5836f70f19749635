/** Publications in the public API (/api/v1): what is published, as its pages show it; nothing that is not, whoever asks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp, type TestApp } from '../../testing/app.js';
import { ensureUser, actorByEmail } from '../../platform/auth/service.js';
import type { Actor } from '../../platform/policy.js';
import { addCall, addSeries, publishBrief } from './factories.js';
import { callBySlug, publishNewVersion, submitBrief, itemByNumber, type SubmissionInput } from './service.js';

let t: TestApp;
let editor: Actor;
let author: Actor;
let published: string;
let inReview: string;
let n = 0;
const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: { cookie }, remoteAddress: `10.80.0.${n++ % 250}` });

const brief = (title: string): SubmissionInput => ({
  locale: 'en',
  title,
  abstract: `Abstract of ${title}.`,
  summary: `Summary of ${title}.`,
  keywords: 'reading, phonics',
  recommendations: 'Train teachers.\nAssess early.',
  authors: 'Awa Ndiaye (Université Cheikh Anta Diop)',
  body: '# Reading\n\nA text.',
  audiences: ['policymaker'],
});

beforeAll(async () => {
  t = await testApp();
  const series = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium 2024', fr: 'Recueil 2024' } });
  await addCall(t.db, { seriesId: series, slug: 'call-2024', title: { en: 'Call for briefs 2024' } });
  await ensureUser(t.db, { email: 'editor@example.org', name: 'Editor', roles: [{ role: 'secretariat' }] });
  await ensureUser(t.db, { email: 'author@example.org', name: 'Author' });
  editor = (await actorByEmail(t.db, 'editor@example.org'))!;
  author = (await actorByEmail(t.db, 'author@example.org'))!;
  published = await publishBrief(t.db, { author, editor }, 'call-2024', brief('Reading in the first grade'), { baseUrl: t.config.baseUrl });
  const item = (await itemByNumber(t.db, published))!;
  const v2 = await publishNewVersion(t.db, editor, item.id, 'en', { ...brief('Reading in the first grade'), authors: 'Awa Ndiaye (Université Cheikh Anta Diop)', body: '# Reading\n\nA better text.', audiences: ['policymaker'], note: 'Figures updated' });
  if (!v2.ok) throw new Error(v2.message);
  const submitted = await submitBrief(t.db, author, (await callBySlug(t.db, 'call-2024'))!, brief('A brief still in review'), { baseUrl: t.config.baseUrl });
  if (!submitted.ok) throw new Error(submitted.message);
  inReview = submitted.number;
});
afterAll(() => t.close());

describe('publications in the API', () => {
  it('lists what is published, with its describing texts, and gives each with its versions and links', async () => {
    const list = (await get('/api/v1/publications')).json();
    expect(list.total).toBe(1);
    expect(list.data[0]).toMatchObject({
      number: published,
      kind: 'brief',
      locale: 'en',
      series: { slug: 'compendium-2024', title: { en: 'Compendium 2024', fr: 'Recueil 2024' } },
      texts: { en: { title: 'Reading in the first grade', keywords: ['reading', 'phonics'] } },
      authors: [{ name: 'Awa Ndiaye', affiliation: 'Université Cheikh Anta Diop' }],
      audiences: ['policymaker'],
      currentVersion: 2,
    });
    const key = published.toLowerCase();
    const one = (await get(`/api/v1/publications/${key}`)).json();
    expect(one).toMatchObject({ number: published, version: { number: 2, note: 'Figures updated' }, original: null, doi: null });
    expect(one.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(one.links.page).toBe(`${t.config.baseUrl}/en/publications/${key}`);
    expect(one.links.citations.bib).toBe(`${t.config.baseUrl}/en/publications/${key}/cite/bib`);
    const older = (await get(`/api/v1/publications/${published}?version=1`)).json();
    expect(older).toMatchObject({ version: { number: 1 }, links: { page: `${t.config.baseUrl}/en/publications/${key}/v/1` } });
    expect((await get(`/api/v1/publications/${key}?version=3`)).statusCode).toBe(404);
  });

  it('never shows an item that is not published: not listed, not by its identifier in any case, not to its editors', async () => {
    const secretariat = await signedIn(t, { email: 'editor@example.org' });
    for (const cookie of ['', secretariat]) {
      expect((await get('/api/v1/publications?limit=100', cookie)).body).not.toContain('still in review');
      for (const key of [inReview, inReview.toLowerCase(), `${inReview}?version=1`]) {
        const res = await get(`/api/v1/publications/${key}`, cookie);
        expect(res.statusCode, key).toBe(404);
        expect(res.body).not.toContain('still in review');
      }
    }
  });
});
