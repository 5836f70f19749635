import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { revokeLinks } from '../../platform/links/service.js';
import type { PersonalData } from '../../platform/privacy/service.js';
import { ERASED_NAME, erasedEmail, scrubColumns } from '../../platform/privacy/scrub.js';
import { activitySignups, financingRequests, meetingSessions, meetings, registrations, sideActivities } from './schema.js';
import { ACTIVE_STATUSES, lockMeeting, offerFreedPlaces } from './registration.js';
import { promoteNext } from './activities.js';

/**
 * Meetings' part of an erasure (docs/decisions/008-erasure.md). Every registration under one of
 * the person's addresses stays as a row — so counts, capacity, attendance and the financing budget
 * stay right — with nothing that identifies them: name, address, organisation and every answer
 * (passport name, dietary needs, accessibility, own questions) go, the check-in code is replaced
 * and the private links stop working; financing texts go, amounts stay. For a meeting that has not
 * ended, a place the person held or waited for is cancelled, and a freed place goes to the next
 * person in line at once (as on cancellation), as do their side-activity places. For a meeting that
 * has ended, the status stays (they took part: anonymous counts). Names in the programme (speakers,
 * chairs), in the signatory and in others' financing texts become the pseudonym or are dropped.
 */
export const meetingsPersonalData: PersonalData = {
  async identify(tx, person) {
    if (!person.emails.length) return {};
    const rows = await tx.select({ name: registrations.name, answers: registrations.answers }).from(registrations).where(inArray(sql`lower(${registrations.email})`, person.emails));
    return { names: rows.flatMap((r) => [r.name, typeof r.answers.passportName === 'string' ? r.answers.passportName : '']) };
  },

  async erase(tx, person, ctx) {
    const mine = person.emails.length
      ? await tx.select({ id: registrations.id, meetingId: registrations.meetingId }).from(registrations).where(inArray(sql`lower(${registrations.email})`, person.emails)).orderBy(asc(registrations.meetingId))
      : [];
    for (const { id, meetingId } of mine) {
      const meeting = (await lockMeeting(tx, meetingId))!;
      const [reg] = await tx.select().from(registrations).where(eq(registrations.id, id));
      const release = meeting.endsAt > ctx.now && ACTIVE_STATUSES.includes(reg!.status);
      await tx
        .update(registrations)
        .set({
          email: erasedEmail(id),
          name: ERASED_NAME,
          organization: '',
          answers: {},
          checkInCode: randomBytes(9).toString('base64url'),
          ...(release ? { status: 'cancelled', cancelledAt: sql`now()`, offerExpiresAt: null } : {}),
        })
        .where(eq(registrations.id, id));
      await tx.update(financingRequests).set({ justification: '', decisionNote: '' }).where(eq(financingRequests.registrationId, id));
      if (!release) continue;
      const signups = await tx
        .select()
        .from(activitySignups)
        .where(and(eq(activitySignups.registrationId, id), inArray(activitySignups.status, ['confirmed', 'waiting'])))
        .orderBy(asc(activitySignups.activityId));
      for (const signup of signups) {
        const [activity] = await tx.select().from(sideActivities).where(eq(sideActivities.id, signup.activityId)).for('update');
        await tx.update(activitySignups).set({ status: 'cancelled' }).where(eq(activitySignups.id, signup.id));
        if (signup.status === 'confirmed') await promoteNext(tx, activity!);
      }
      if (reg!.status === 'confirmed' || reg!.status === 'offered') await offerFreedPlaces(tx, meeting, ctx.now, ctx.baseUrl);
    }
    await revokeLinks(tx, 'meetings.registration', mine.map((r) => r.id));

    await scrubColumns(tx, financingRequests, financingRequests.id, [financingRequests.justification, financingRequests.decisionNote], person, ctx.pseudonym);
    await scrubColumns(tx, meetingSessions, meetingSessions.id, [meetingSessions.speakers, meetingSessions.chairs], person, ctx.pseudonym);
    // A meeting whose invitation letters they sign has no signatory until the Secretariat names another.
    const names = person.names.map((n) => n.toLowerCase());
    if (names.length) await tx.update(meetings).set({ letterSignatoryName: '' }).where(inArray(sql`lower(trim(${meetings.letterSignatoryName}))`, names));
    await scrubColumns(tx, meetings, meetings.id, [meetings.letterSignatoryName], person, ctx.pseudonym);
  },
};
