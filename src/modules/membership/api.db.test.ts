/**
 * The member directory in the public API (/api/v1/members): exactly what the public directory shows
 * of each member — listed, active members only, and of each only the fields it chose to show —
 * however the API is asked (filters, search, a guessed id or number).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp, type TestApp } from '../../testing/app.js';
import { members } from './schema.js';

let t: TestApp;
let unlistedId: string;
let n = 0;
const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: { cookie }, remoteAddress: `10.79.0.${n++ % 250}` });

type NewMember = typeof members.$inferInsert;
const add = async (m: Partial<NewMember> & { name: string }) => {
  const [row] = await t.db
    .insert(members)
    .values({ kind: 'institution', category: 'university', country: 'KE', joinedOn: '2024-01-01', ...m })
    .returning({ id: members.id, number: members.number });
  return row!;
};

beforeAll(async () => {
  t = await testApp();
  // Shows its category and website; keeps its country, affiliation, languages and summary to itself.
  await add({
    name: 'Listed Lab',
    acronym: 'LL',
    listed: true,
    publicFields: ['category', 'website', 'summary'],
    website: 'https://lab.example.org',
    affiliation: 'Hidden Affiliation',
    languages: ['sw'],
    summary: 'A summary the directory does not show',
    areas: ['brokering'],
  });
  // Shows everything it has, but its website is not a web address the directory would link to.
  await add({ name: 'Open Network', kind: 'institution', listed: true, publicFields: ['category', 'country', 'areas', 'website'], country: 'GH', areas: ['brokering'], website: 'javascript:alert(1)' });
  unlistedId = (await add({ name: 'Unlisted Person', kind: 'individual', category: 'researcher', listed: false, publicFields: ['country', 'affiliation'], affiliation: 'Unlisted Affiliation' })).id;
  await add({ name: 'Suspended Org', status: 'suspended', listed: true, publicFields: ['country'] });
});
afterAll(() => t.close());

describe('the member directory in the API', () => {
  it('gives each listed, active member with only the fields the directory shows', async () => {
    const res = await get('/api/v1/members');
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.total).toBe(2);
    expect(list.data).toEqual([
      { number: 'M-0001', kind: 'institution', name: 'Listed Lab', acronym: 'LL', category: 'university', website: 'https://lab.example.org' },
      { number: 'M-0002', kind: 'institution', name: 'Open Network', category: 'university', country: 'GH', areas: ['brokering'] },
    ]);
    for (const hidden of ['Hidden Affiliation', 'A summary the directory does not show', '"sw"', 'KE', 'javascript:', 'Unlisted', 'Suspended']) expect(res.body).not.toContain(hidden);
    // The public directory page hides the same.
    const page = await get('/en/members');
    expect(page.body).toContain('Listed Lab');
    for (const hidden of ['Hidden Affiliation', 'A summary the directory does not show', 'Unlisted Person', 'Suspended Org']) expect(page.body).not.toContain(hidden);
  });

  it('matches a filter only on fields a member shows, as the directory does', async () => {
    expect((await get('/api/v1/members?country=KE')).json().total).toBe(0);
    expect((await get('/api/v1/members?country=GH')).json().data.map((m: { name: string }) => m.name)).toEqual(['Open Network']);
    // Listed Lab has the area too, but keeps its areas to itself.
    expect((await get('/api/v1/members?area=brokering')).json().data.map((m: { name: string }) => m.name)).toEqual(['Open Network']);
    expect((await get('/api/v1/members?q=lab')).json().data.map((m: { name: string }) => m.name)).toEqual(['Listed Lab']);
  });

  it('never shows an unlisted or suspended member: not by search, not by its id or number, not to the Secretariat', async () => {
    const secretariat = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
    for (const cookie of ['', secretariat]) {
      for (const q of ['Unlisted', 'Suspended', 'Person']) {
        const res = await get(`/api/v1/members?q=${q}`, cookie);
        expect(res.json().total, q).toBe(0);
      }
      expect((await get('/api/v1/members?kind=individual&limit=100', cookie)).body).not.toContain('Unlisted');
      for (const url of [`/api/v1/members/${unlistedId}`, '/api/v1/members/M-0003', '/api/v1/members/3', `/api/v1/members?id=${unlistedId}`]) {
        const res = await get(url, cookie);
        expect([400, 404], url).toContain(res.statusCode);
        expect(res.body).not.toContain('Unlisted');
      }
    }
  });

  it('pages through the directory beyond the size of its own pages', async () => {
    for (let i = 0; i < 30; i++) await add({ name: `Member ${String(i).padStart(2, '0')}`, listed: true, publicFields: [] });
    const names: string[] = [];
    let url: string | null = '/api/v1/members?limit=7';
    while (url) {
      const page: { data: { name: string }[]; links: { next: string | null } } = (await get(url)).json();
      names.push(...page.data.map((m) => m.name));
      url = page.links.next ? page.links.next.replace(t.config.baseUrl, '') : null;
    }
    expect(names).toHaveLength(32);
    expect(new Set(names).size).toBe(32);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });
});
