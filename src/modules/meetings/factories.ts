import type { Db, Executor } from '../../db/client.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { createMeeting, type NewMeeting } from './service.js';
import { register } from './registration.js';

const DAY = 86_400_000;

/**
 * A meeting open for registration now (opened yesterday, closing in 30 days, held in 60 days, in
 * Paris), for tests and benchmarks. Everything can be overridden.
 */
export function openMeeting(db: Executor, m: Partial<NewMeeting> & { slug: string }): Promise<string> {
  const now = Date.now();
  return createMeeting(db, {
    title: { en: m.slug },
    description: { en: '' },
    venueName: { en: 'Paris' },
    venueAddress: '',
    timeZone: 'Europe/Paris',
    startsAt: new Date(now + 60 * DAY),
    endsAt: new Date(now + 61 * DAY),
    status: 'open',
    capacity: 10,
    registrationOpensAt: new Date(now - DAY),
    registrationClosesAt: new Date(now + 30 * DAY),
    categories: [{ slug: 'practitioner', name: { en: 'Practitioner' } }],
    ...m,
  });
}

/** A person registered for a meeting through the registration form's own verb (tests of other modules need participants). */
export async function registerParticipant(db: Db, meetingId: string, who: { email: string; name: string; country: string; locale: Locale }, categorySlug = 'practitioner'): Promise<void> {
  const r = await register(db, { meetingId, categorySlug, baseUrl: 'http://localhost', who: { ...who, organization: '', answers: {} } });
  if (!r.ok) throw new Error(`registration of ${who.email} refused`);
}
