import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type TestApp } from '../../testing/app.js';
import { createMeeting, linkableSessions, programme, sessionsByIds, type NewMeeting } from './service.js';

/**
 * The sessions other modules link to (a report discussed at a meeting): by id with their meeting,
 * and the list an editor chooses from. A draft meeting's sessions are never given out.
 */
let t: TestApp;
const ids: Record<string, string> = {};
const at = (d: string) => new Date(`${d}:00Z`);
const meeting = (slug: string, status: NewMeeting['status'], starts: string, sessions: NewMeeting['sessions']): NewMeeting => ({
  slug,
  title: { en: slug },
  description: { en: '' },
  venueName: { en: 'Nairobi' },
  venueAddress: '',
  timeZone: 'Africa/Nairobi',
  startsAt: at(`${starts}T06:00`),
  endsAt: at(`${starts}T15:00`),
  status,
  sessions,
});

beforeAll(async () => {
  t = await testApp();
  const older = await createMeeting(t.db, meeting('older', 'archived', '2023-11-06', [{ kind: 'panel', title: { en: 'Old panel' }, startsAt: at('2023-11-06T07:00'), endsAt: at('2023-11-06T08:00') }]));
  const newer = await createMeeting(
    t.db,
    meeting('newer', 'open', '2024-12-02', [
      { kind: 'consultation', title: { en: 'Afternoon consultation', fr: 'Consultation de l’après-midi' }, startsAt: at('2024-12-02T11:00'), endsAt: at('2024-12-02T14:00') },
      { kind: 'break', title: { en: 'Lunch' }, startsAt: at('2024-12-02T09:30'), endsAt: at('2024-12-02T11:00') },
      { kind: 'keynote', title: { en: 'Opening' }, startsAt: at('2024-12-02T06:30'), endsAt: at('2024-12-02T07:30') },
    ]),
  );
  const draft = await createMeeting(t.db, meeting('draft', 'draft', '2026-05-04', [{ kind: 'panel', title: { en: 'Not announced' }, startsAt: at('2026-05-04T07:00'), endsAt: at('2026-05-04T08:00') }]));
  for (const id of [older, newer, draft]) for (const s of await programme(t.db, id)) ids[s.title.en!] = s.id;
});
afterAll(() => t.close());

describe('sessions for other modules', () => {
  it('gives sessions by id with their meeting, in time order, leaving out a draft meeting’s and unknown ids', async () => {
    const found = await sessionsByIds(t.db, [ids['Afternoon consultation']!, ids['Old panel']!, ids['Not announced']!, randomUUID(), 'not-an-id']);
    expect(found.map((s) => s.title.en)).toEqual(['Old panel', 'Afternoon consultation']);
    expect(found[1]).toMatchObject({ kind: 'consultation', title: { fr: 'Consultation de l’après-midi' }, startsAt: at('2024-12-02T11:00'), meeting: { slug: 'newer', timeZone: 'Africa/Nairobi', status: 'open' } });
    expect(await sessionsByIds(t.db, [])).toEqual([]);
  });

  it('lists the sessions an editor may choose: public meetings only, newest meeting first, breaks left out', async () => {
    const list = await linkableSessions(t.db);
    expect(list.map((s) => `${s.meeting.slug}: ${s.title.en}`)).toEqual(['newer: Opening', 'newer: Afternoon consultation', 'older: Old panel']);
  });
});
