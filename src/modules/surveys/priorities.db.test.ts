import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hiddenFields, mergeCookies, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { users } from '../../platform/auth/schema.js';
import { priorityBallots, priorityComparisons, priorityThemes, priorityVoters, type VoteMethod } from './schema.js';
import { addBallots, addCycle, addTheme } from './factories.js';

/**
 * Setting priorities over HTTP as a browser without JavaScript does: proposing a theme, voting by
 * approval, by ranking and by comparing pairs, one ballot per member and no voter on it, bad ballots
 * sent back with what was chosen, and the result shown to nobody until the vote has closed.
 */
const DAY = 86_400_000;
let t: TestApp;
const at = (slug: string, path = '') => `/en/priorities/${slug}${path}`;
const ABOUT = { stakeholder: 'teacher', country: 'KE' };

/** A cycle at a stage, relative to now, with proposed themes (in the order given). */
async function cycle(slug: string, method: VoteMethod, stage: 'proposals' | 'voting' | 'closed', themes: string[], approvalLimit = 2) {
  const now = Date.now();
  const days = { proposals: [-5, 5, 10, 20], voting: [-30, -20, -10, 10], closed: [-30, -20, -10, -1] }[stage].map((d) => new Date(now + d * DAY)) as [Date, Date, Date, Date];
  const row = (await addCycle(t.db, { slug, title: { en: `Priorities ${slug}` }, method, approvalLimit, proposalsOpenAt: days[0], proposalsCloseAt: days[1], votingOpensAt: days[2], votingClosesAt: days[3] }))!;
  const ids: string[] = [];
  for (const [i, title] of themes.entries()) ids.push(await addTheme(t.db, row.id, { title: { en: title }, description: { en: `About ${title}.` }, createdAt: new Date(now - 40 * DAY + i * 1000) }));
  return { cycle: row, ids };
}

const member = (email: string) => signedIn(t, { email, roles: ['member'] });
const userId = async (email: string) => (await t.db.select().from(users).where(eq(users.email, email)))[0]!.id;
const votersOf = async (cycleId: string) => t.db.select().from(priorityVoters).where(eq(priorityVoters.cycleId, cycleId));
const ballotsOf = async (cycleId: string) => t.db.select().from(priorityBallots).where(eq(priorityBallots.cycleId, cycleId));

beforeAll(async () => {
  t = await testApp();
}, 120_000);
afterAll(() => t.close());

describe('proposing a theme', () => {
  it('takes a member’s theme during the call, and sends back a title that is missing or too long with what was typed', async () => {
    const { cycle: c } = await cycle('call-open', 'approval', 'proposals', []);
    const cookie = await member('proposer@example.org');
    const empty = await submitForm(t, { page: at('call-open'), action: at('call-open', '/propose'), fields: { title: ' ', description: 'Reading in the mother tongue.' }, cookie });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('This field is required.');
    expect(empty.body).toContain('Reading in the mother tongue.</textarea>');
    const long = await submitForm(t, { page: at('call-open'), action: at('call-open', '/propose'), fields: { title: 'x'.repeat(121), description: '' }, cookie });
    expect(long.statusCode).toBe(422);
    expect(await t.db.select().from(priorityThemes).where(eq(priorityThemes.cycleId, c.id))).toEqual([]);

    const sent = await submitForm(t, { page: at('call-open'), action: at('call-open', '/propose'), fields: { title: 'Early-grade reading', description: 'Reading in the mother tongue.' }, cookie });
    expect(sent.headers.location).toBe(`${at('call-open')}?notice=proposed`);
    const page = await t.app.inject({ url: at('call-open') });
    expect(page.body).toContain('Early-grade reading');
    expect(page.body).toContain('Open for proposals');
  });
});

describe('voting by approval', () => {
  it('stores a member’s ballot with the themes chosen and no voter, once', async () => {
    const { cycle: c, ids } = await cycle('approve', 'approval', 'voting', ['Reading', 'Numeracy', 'Teachers']);
    const email = 'amina@school.example';
    const cookie = await member(email);
    const form = await t.app.inject({ url: at('approve', '/vote'), headers: { cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Choose up to 2 themes.');

    const sent = await submitForm(t, { page: at('approve', '/vote'), action: at('approve', '/vote'), fields: { ...ABOUT, themes: [ids[0]!, ids[2]!] }, cookie });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${at('approve')}?notice=voted`);
    const [ballot, ...more] = await ballotsOf(c.id);
    expect(more).toEqual([]);
    expect(ballot!.choices).toEqual([ids[0], ids[2]]);
    expect([ballot!.stakeholder, ballot!.region, ballot!.incomeGroup]).toEqual(['teacher', 'africa', 'lower-middle']);
    // The ballot names no one; who voted is kept apart, with a day.
    expect(Object.keys(ballot!)).toEqual(['id', 'cycleId', 'castOn', 'stakeholder', 'region', 'incomeGroup', 'choices']);
    expect((await votersOf(c.id)).map((v) => v.userId)).toEqual([await userId(email)]);
    expect((await t.app.inject({ url: at('approve'), headers: { cookie } })).body).toContain('You have voted.');

    // A second ballot (another tab, a form kept from before): told they have voted, nothing stored.
    const again = await submitForm(t, { page: at('approve'), action: at('approve', '/vote'), fields: { ...ABOUT, themes: [ids[1]!] }, cookie, forge: true });
    expect(again.statusCode).toBe(303);
    expect((await t.app.inject({ url: again.headers.location as string, headers: { cookie } })).body).toContain('You have voted.');
    expect(await ballotsOf(c.id)).toHaveLength(1);
  });

  it('sends back a ballot over the limit, or empty, with what was chosen, storing nothing', async () => {
    const { cycle: c, ids } = await cycle('approve-limit', 'approval', 'voting', ['Reading', 'Numeracy', 'Teachers']);
    const cookie = await member('leo@school.example');
    const over = await submitForm(t, { page: at('approve-limit', '/vote'), action: at('approve-limit', '/vote'), fields: { ...ABOUT, themes: ids }, cookie });
    expect(over.statusCode).toBe(422);
    expect(over.body).toContain('Choose no more than 2 themes.');
    for (const id of ids) expect(over.body).toMatch(new RegExp(`value="${id}" checked`));
    expect(over.body).toMatch(/<option value="KE" selected/);
    const none = await submitForm(t, { page: at('approve-limit', '/vote'), action: at('approve-limit', '/vote'), fields: { ...ABOUT }, cookie });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Choose at least one theme.');
    expect(await ballotsOf(c.id)).toEqual([]);
    expect(await votersOf(c.id)).toEqual([]);
  });
});

describe('voting by ranking (Borda)', () => {
  it('sends back two themes in the same place, then stores the themes in the order of their places', async () => {
    const { cycle: c, ids } = await cycle('rank', 'borda', 'voting', ['Reading', 'Numeracy', 'Teachers']);
    const cookie = await member('rank@school.example');
    const places = (p: number[]) => Object.fromEntries(ids.map((id, i) => [`rank-${id}`, String(p[i])]));
    const same = await submitForm(t, { page: at('rank', '/vote'), action: at('rank', '/vote'), fields: { ...ABOUT, ...places([1, 1, 3]) }, cookie });
    expect(same.statusCode).toBe(422);
    expect(same.body).toContain('Another theme also has place 1');
    expect(same.body).toMatch(/<option value="3" selected/);
    expect(await ballotsOf(c.id)).toEqual([]);

    const sent = await submitForm(t, { page: at('rank', '/vote'), action: at('rank', '/vote'), fields: { ...ABOUT, ...places([2, 3, 1]) }, cookie });
    expect(sent.headers.location).toBe(`${at('rank')}?notice=voted`);
    expect((await ballotsOf(c.id)).map((b) => b.choices)).toEqual([[ids[2], ids[0], ids[1]]]);
  });
});

describe('voting by pairs', () => {
  it('shows pair after pair until none is left, and keeps each pair once per voter', async () => {
    const { cycle: c } = await cycle('pairs', 'pairwise', 'voting', ['Reading', 'Numeracy', 'Teachers']);
    let cookie = await member('pairs@school.example');
    let page = await t.app.inject({ url: at('pairs', '/vote'), headers: { cookie } });
    cookie = mergeCookies(cookie, page);
    const post = async (fields: Record<string, string>) => {
      const res = await t.app.inject({ method: 'POST', url: at('pairs', '/vote'), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
      cookie = mergeCookies(cookie, res);
      return res;
    };
    const seen: string[] = [];
    for (let n = 1; n <= 3; n++) {
      expect(page.body).toContain(`Pair ${n} of 3`);
      const hidden = hiddenFields(page.body, at('pairs', '/vote'));
      seen.push([hidden.a, hidden.b].sort().join('|'));
      // The first pair: "About you" is missing, so the same pair comes back.
      if (n === 1) {
        const missing = await post({ ...hidden, winner: hidden.a! });
        expect(missing.statusCode).toBe(422);
        expect(hiddenFields(missing.body, at('pairs', '/vote'))).toMatchObject({ a: hidden.a, b: hidden.b });
      }
      page = await post({ ...hidden, ...ABOUT, winner: n === 2 ? 'none' : hidden.a! });
      expect(page.statusCode).toBe(200);
      // What the voter said about themselves stays on the form for the next pair.
      if (n < 3) expect(page.body).toMatch(/<option value="KE" selected/);
    }
    expect(page.body).toContain('You have compared every pair.');
    expect(new Set(seen).size).toBe(3);
    const [voter] = await votersOf(c.id);
    expect([...voter!.pairs].sort()).toEqual([...seen].sort());
    // Two choices and one "I can't say": two comparisons, naming no one.
    const comparisons = await t.db.select().from(priorityComparisons).where(eq(priorityComparisons.cycleId, c.id));
    expect(comparisons).toHaveLength(2);
    expect(comparisons.every((x) => x.stakeholder === 'teacher')).toBe(true);

    // The last pair sent again: still stored once.
    const [a, b] = seen[2]!.split('|') as [string, string];
    const resent = await submitForm(t, { page: at('pairs', '/vote'), action: at('pairs', '/vote'), fields: { a, b, ...ABOUT, winner: a }, cookie, forge: true });
    expect(resent.statusCode).toBe(200);
    expect(await t.db.select().from(priorityComparisons).where(eq(priorityComparisons.cycleId, c.id))).toHaveLength(2);
    expect((await votersOf(c.id))[0]!.pairs).toHaveLength(3);
  });
});

describe('the result', () => {
  it('is hidden from everyone, the Secretariat included, while the vote is open, and public once it has closed', async () => {
    const open = await cycle('tally-open', 'approval', 'voting', ['Reading', 'Numeracy']);
    const closed = await cycle('tally-closed', 'approval', 'closed', ['Reading', 'Numeracy']);
    for (const { cycle: c, ids } of [open, closed]) {
      await addBallots(t.db, c, [
        ...Array.from({ length: 7 }, () => ({ choices: [ids[0]!], stakeholder: 'teacher', country: 'KE' })),
        ...Array.from({ length: 4 }, () => ({ choices: [ids[1]!], stakeholder: 'researcher', country: 'FR' })),
      ]);
    }
    const secretariat = await signedIn(t, { email: 'secretariat@example.org', roles: ['secretariat'] });
    for (const cookie of ['', secretariat]) {
      const page = await t.app.inject({ url: at('tally-open'), headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Result of the vote');
      expect(page.body).not.toContain('<svg');
      expect(page.body).toContain('The result is published when the vote closes');
    }
    const page = await t.app.inject({ url: at('tally-closed') });
    expect(page.body).toContain('Result of the vote');
    expect(page.body).toContain('11 ballots counted.');
    expect(page.body).toMatch(/<td class="num">1<\/td><td><bdi>Reading<\/bdi><\/td><td class="num">7<\/td>/);
    expect(page.body).toMatch(/<svg[^>]*role="img"/);
  });
});

describe('who may vote', () => {
  it('sends a visitor to sign in, refuses someone who is not a member, and sends everyone to the cycle’s page once the vote has closed', async () => {
    await cycle('who', 'approval', 'voting', ['Reading', 'Numeracy']);
    await cycle('who-closed', 'approval', 'closed', ['Reading', 'Numeracy']);
    const visitor = await t.app.inject({ url: at('who', '/vote') });
    expect(visitor.statusCode).toBe(302);
    expect(visitor.headers.location).toContain('/sign-in?next=');
    const outsider = await signedIn(t, { email: 'outsider@example.org' });
    expect((await t.app.inject({ url: at('who', '/vote'), headers: { cookie: outsider } })).statusCode).toBe(403);
    const forged = await submitForm(t, { page: at('who'), action: at('who', '/vote'), fields: { ...ABOUT, themes: [] }, cookie: outsider, forge: true });
    expect(forged.statusCode).toBe(403);
    expect((await t.app.inject({ url: at('who-closed', '/vote'), headers: { cookie: await member('late@school.example') } })).headers.location).toBe(at('who-closed'));
  });
});
