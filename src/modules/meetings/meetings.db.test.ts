import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../testing/app.js';
import type { Database } from '../../db/client.js';
import { createMeeting, featuredMeeting, getMeeting } from './service.js';

let d: Database;
beforeAll(async () => {
  d = await testDatabase();
});
afterAll(() => d.close());

const meeting = (slug: string, start: string, status: 'draft' | 'open' | 'closed' = 'open') => ({
  slug,
  title: { en: slug },
  description: { en: '' },
  venueName: { en: 'Paris' },
  venueAddress: '',
  timeZone: 'Europe/Paris',
  startsAt: new Date(`${start}T08:00:00Z`),
  endsAt: new Date(`${start}T17:00:00Z`),
  status,
});

describe('the meeting the home page shows', () => {
  it('is none when there is no public meeting', async () => {
    await createMeeting(d.db, meeting('draft-only', '2030-01-01', 'draft'));
    expect(await featuredMeeting(d.db, new Date('2026-01-01'))).toBeNull();
  });
  it('is the most recent past meeting when none is ahead', async () => {
    await createMeeting(d.db, meeting('past-2023', '2023-12-01', 'closed'));
    await createMeeting(d.db, meeting('past-2024', '2024-12-02', 'closed'));
    const f = await featuredMeeting(d.db, new Date('2026-01-01'));
    expect(f).toMatchObject({ upcoming: false, meeting: { slug: 'past-2024' } });
  });
  it('is the soonest meeting not yet ended, ahead of past ones, and never a draft', async () => {
    await createMeeting(d.db, meeting('later', '2027-06-01'));
    await createMeeting(d.db, meeting('sooner', '2026-12-01'));
    const f = await featuredMeeting(d.db, new Date('2026-01-01'));
    expect(f).toMatchObject({ upcoming: true, meeting: { slug: 'sooner' } });
    // During the meeting day it is still "upcoming" (not yet ended).
    expect(await featuredMeeting(d.db, new Date('2026-12-01T12:00:00Z'))).toMatchObject({ upcoming: true, meeting: { slug: 'sooner' } });
  });
  it('hides a draft from everyone but the Secretariat', async () => {
    expect(await getMeeting(d.db, null, 'draft-only')).toBeNull();
    const sec = { id: 'x', email: 's@example.org', name: 'S', locale: null, roles: [{ role: 'secretariat', scope: '' }] };
    expect(await getMeeting(d.db, sec, 'draft-only')).not.toBeNull();
  });
});
