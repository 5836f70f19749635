/** Meetings in the public API (/api/v1): what their public pages show, and never a draft, whoever asks and however. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp, type TestApp } from '../../testing/app.js';
import { createMeeting, type NewMeeting } from './service.js';

let t: TestApp;
let draftId: string;
let n = 0;
const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: { cookie }, remoteAddress: `10.78.0.${n++ % 250}` });

const at = (iso: string) => new Date(iso);
const meeting = (slug: string, status: NewMeeting['status']): NewMeeting => ({
  slug,
  title: { en: `Title of ${slug}`, fr: `Titre de ${slug}` },
  description: { en: `About ${slug}` },
  venueName: { en: 'Nairobi' },
  venueAddress: 'United Nations Avenue',
  timeZone: 'Africa/Nairobi',
  startsAt: at('2030-02-18T06:00:00Z'),
  endsAt: at('2030-02-19T14:00:00Z'),
  status,
  financingBudget: 98765,
  letterSignatoryName: 'Signatory Kept Private',
  sessions: [
    { kind: 'panel', title: { en: `Panel of ${slug}` }, startsAt: at('2030-02-18T08:00:00Z'), endsAt: at('2030-02-18T09:00:00Z'), speakers: ['A. Speaker'], workingGroups: ['foundational-learning'] },
    { kind: 'keynote', title: { en: `Keynote of ${slug}` }, startsAt: at('2030-02-18T06:30:00Z'), endsAt: at('2030-02-18T07:30:00Z'), room: 'Room 1' },
    { kind: 'break', title: { en: 'Coffee' }, startsAt: at('2030-02-18T07:30:00Z'), endsAt: at('2030-02-18T08:00:00Z') },
  ],
  activities: [{ slug: 'visit', title: { en: `Visit of ${slug}` }, description: { en: 'A school.' }, startsAt: at('2030-02-20T06:00:00Z'), endsAt: at('2030-02-20T09:00:00Z'), membersOnly: true }],
});

beforeAll(async () => {
  t = await testApp();
  await createMeeting(t.db, meeting('open-forum', 'open'));
  draftId = await createMeeting(t.db, meeting('secret-summit', 'draft'));
});
afterAll(() => t.close());

describe('meetings in the API', () => {
  it('lists the public meetings with what their pages show, and nothing of their registration settings', async () => {
    const res = await get('/api/v1/meetings');
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.total).toBe(1);
    expect(list.data[0]).toEqual({
      slug: 'open-forum',
      title: { en: 'Title of open-forum', fr: 'Titre de open-forum' },
      originalLocale: 'en',
      timeZone: 'Africa/Nairobi',
      startsAt: '2030-02-18T06:00:00.000Z',
      endsAt: '2030-02-19T14:00:00.000Z',
      status: 'open',
      venue: { name: { en: 'Nairobi' }, address: 'United Nations Avenue' },
      links: {
        page: `${t.config.baseUrl}/en/meetings/open-forum`,
        programme: `${t.config.baseUrl}/en/meetings/open-forum/agenda`,
        calendar: `${t.config.baseUrl}/en/meetings/open-forum.ics`,
      },
    });
    const one = await get('/api/v1/meetings/open-forum');
    expect(one.json()).toMatchObject({ slug: 'open-forum', description: { en: 'About open-forum' }, sideActivities: [{ slug: 'visit', membersOnly: true }] });
    for (const body of [res.body, one.body]) {
      expect(body).not.toContain('98765');
      expect(body).not.toContain('Signatory Kept Private');
      expect(body).not.toContain('secret-summit');
    }
  });

  it("gives a meeting's programme in time order, a page at a time", async () => {
    const all = (await get('/api/v1/meetings/open-forum/programme')).json();
    expect(all.data.map((s: { kind: string }) => s.kind)).toEqual(['keynote', 'break', 'panel']);
    expect(all.data[0]).toMatchObject({ title: { en: 'Keynote of open-forum' }, room: 'Room 1', calendar: expect.stringMatching(/\/en\/meetings\/open-forum\/sessions\/[0-9a-f-]+\.ics$/) });
    expect(all.data[1].calendar).toBeNull();
    expect(all.data[2]).toMatchObject({ speakers: ['A. Speaker'], workingGroups: ['foundational-learning'] });
    const second = (await get('/api/v1/meetings/open-forum/programme?limit=2&page=2')).json();
    expect(second).toMatchObject({ total: 3, page: 2, data: [{ kind: 'panel' }], links: { next: null } });
  });

  it('never shows a draft meeting or its programme: not listed, not by its slug, not by its id, not to the Secretariat', async () => {
    const secretariat = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
    // The Secretariat sees the draft's page on the site; the API is what anyone sees.
    expect((await get('/en/meetings/secret-summit', secretariat)).statusCode).toBe(200);
    for (const cookie of ['', secretariat]) {
      expect((await get('/api/v1/meetings', cookie)).body).not.toContain('secret-summit');
      expect((await get('/api/v1/meetings?status=open', cookie)).body).not.toContain('secret-summit');
      for (const url of ['/api/v1/meetings/secret-summit', '/api/v1/meetings/secret-summit/programme', `/api/v1/meetings/${draftId}`, `/api/v1/meetings/${draftId}/programme`, '/api/v1/meetings/SECRET-SUMMIT']) {
        const res = await get(url, cookie);
        expect(res.statusCode, url).toBe(404);
        expect(res.body).not.toContain('Panel of secret-summit');
      }
    }
    expect((await get('/api/v1/meetings?status=draft')).statusCode).toBe(400);
  });
});
