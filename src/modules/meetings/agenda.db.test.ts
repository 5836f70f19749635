import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({}, { demo: true });
});
afterAll(() => t.close());

describe('programme and calendar files', () => {
  it('shows the programme by day, in the meeting’s time zone', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fr/meetings/building-bridges-2024/agenda' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/Jour 1|1/);
    expect(res.body).toContain('09:30');
    expect(res.body).toContain('Table ronde : de la recherche à la classe');
    expect(res.body).toContain('Awa Ndiaye');
    expect(res.body).toContain('Europe/Paris');
    expect(res.body.match(/<section aria-labelledby="day-/g)).toHaveLength(2);
  });

  it('gives the whole meeting as an iCalendar file with the right local times and zone', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/meetings/building-bridges-2024.ics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const ics = res.body.replace(/\r\n/g, '\n');
    expect(ics).toContain('BEGIN:VTIMEZONE\nTZID:Europe/Paris');
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20241202T090000');
    expect(ics).toContain('DTEND;TZID=Europe/Paris:20241203T180000');
    expect(ics).toContain('SUMMARY:Building Bridges to Transform Learning');
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20241202T110000'); // the panel
    expect(ics).not.toContain('SUMMARY:Coffee break');
    expect(ics.match(/BEGIN:VEVENT/g)!.length).toBe(6); // the meeting and its five sessions (breaks left out)
  });

  it('gives one session as a calendar file, in the reader’s language', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/fr/meetings/building-bridges-2024/agenda' });
    const link = page.body.match(/href="(\/fr\/meetings\/building-bridges-2024\/sessions\/[0-9a-f-]+\.ics)"/)![1]!;
    const res = await t.app.inject({ method: 'GET', url: link });
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(res.body).toMatch(/SUMMARY:Ouverture et conférence/);
    expect((await t.app.inject({ method: 'GET', url: '/fr/meetings/building-bridges-2024/sessions/not-a-session.ics' })).statusCode).toBe(404);
  });

  it('describes the meeting as a schema.org Event in JSON-LD', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/meetings/building-bridges-2024' });
    const json = res.body.match(/<script type="application\/ld\+json">(.+?)<\/script>/)![1]!;
    const data = JSON.parse(json);
    expect(data).toMatchObject({ '@type': 'Event', name: 'Building Bridges to Transform Learning', startDate: '2024-12-02T08:00:00.000Z', location: { '@type': 'Place' } });
    expect(res.body).toContain('href="/en/meetings/building-bridges-2024/agenda"');
  });
});
