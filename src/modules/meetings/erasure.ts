import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { revokeLinks } from '../../platform/links/service.js';
import type { PersonalData } from '../../platform/privacy/service.js';
import { ERASED_NAME, erasedEmail, notErased, scrubColumns } from '../../platform/privacy/scrub.js';
import { activitySignups, attendance, financingRequests, meetingSessions, meetings, registrations, sideActivities } from './schema.js';
import { ACTIVE_STATUSES, lockMeeting, offerFreedPlaces } from './registration.js';
import { promoteNext } from './activities.js';

/** A registration with nothing left that identifies its person: as erasure leaves it, status and counts kept. */
async function anonymiseRegistration(tx: Executor, id: string, set: { status?: string; cancelledAt?: SQL; offerExpiresAt?: null } = {}): Promise<void> {
  await tx
    .update(registrations)
    .set({ email: erasedEmail(id), name: ERASED_NAME, organization: '', answers: {}, checkInCode: randomBytes(9).toString('base64url'), ...set })
    .where(eq(registrations.id, id));
  await tx.update(financingRequests).set({ justification: '', decisionNote: '' }).where(eq(financingRequests.registrationId, id));
}

/**
 * Meetings' personal data: its kinds and retention (registrations anonymised some years after the
 * meeting), a person's export, and its part of an erasure (docs/decisions/008-erasure.md, 021). Every registration under one of
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
  kinds: [
    {
      kind: 'meetings.registrations',
      label: 'privacy.kinds.registrations',
      purpose: 'privacy.purposes.registrations',
      retention: {
        defaultDays: 1095,
        minDays: 30,
        maxDays: 3650,
        then: 'anonymised',
        // Registrations to meetings that ended before `olderThan`: anonymised as on erasure (the figures of who took part stay).
        async purge(tx, olderThan, { limit }) {
          const rows = await tx
            .select({ id: registrations.id })
            .from(registrations)
            .innerJoin(meetings, eq(meetings.id, registrations.meetingId))
            .where(and(lt(meetings.endsAt, olderThan), notErased(registrations.email)))
            .orderBy(asc(registrations.seq))
            .limit(limit);
          for (const { id } of rows) await anonymiseRegistration(tx, id);
          await revokeLinks(tx, 'meetings.registration', rows.map((r) => r.id));
          return rows.length;
        },
      },
    },
    { kind: 'meetings.financing', label: 'privacy.kinds.financing', purpose: 'privacy.purposes.financing', kept: 'privacy.kept.withRegistration' },
  ],

  /** Their registrations (by address), with their side activities, financing requests and attendance; not the check-in code (it admits whoever holds it). */
  async export(tx, person): Promise<Record<string, unknown[]>> {
    if (!person.emails.length) return {};
    const regs = await tx
      .select({ id: registrations.id, meeting: meetings.slug, reg: registrations })
      .from(registrations)
      .innerJoin(meetings, eq(meetings.id, registrations.meetingId))
      .where(inArray(sql`lower(${registrations.email})`, person.emails))
      .orderBy(asc(registrations.seq));
    const ids = regs.map((r) => r.id);
    const meetingOf = (id: string) => regs.find((r) => r.id === id)!.meeting;
    if (!ids.length) return { registrations: [] };
    const [signups, financing, days] = await Promise.all([
      tx
        .select({ registrationId: activitySignups.registrationId, activity: sideActivities.slug, status: activitySignups.status, createdAt: activitySignups.createdAt })
        .from(activitySignups)
        .innerJoin(sideActivities, eq(sideActivities.id, activitySignups.activityId))
        .where(inArray(activitySignups.registrationId, ids))
        .orderBy(asc(activitySignups.seq)),
      tx.select().from(financingRequests).where(inArray(financingRequests.registrationId, ids)),
      tx.select({ registrationId: attendance.registrationId, day: attendance.day, at: attendance.at }).from(attendance).where(inArray(attendance.registrationId, ids)).orderBy(asc(attendance.at)),
    ]);
    return {
      registrations: regs.map(({ meeting, reg: r }) => ({
        meeting,
        status: r.status,
        name: r.name,
        email: r.email,
        organization: r.organization,
        country: r.country,
        language: r.locale,
        answers: r.answers,
        registeredAt: r.createdAt,
        confirmedAt: r.confirmedAt,
        offerExpiresAt: r.offerExpiresAt,
        cancelledAt: r.cancelledAt,
      })),
      sideActivities: signups.map(({ registrationId, ...s }) => ({ meeting: meetingOf(registrationId), ...s })),
      financingRequests: financing.map((f) => ({
        meeting: meetingOf(f.registrationId),
        travel: f.travel,
        accommodation: f.accommodation,
        justification: f.justification,
        estimatedCost: f.estimatedCost,
        status: f.status,
        approvedAmount: f.approvedAmount,
        decisionNote: f.decisionNote,
        requestedAt: f.createdAt,
        decidedAt: f.decidedAt,
      })),
      attendance: days.map(({ registrationId, ...d }) => ({ meeting: meetingOf(registrationId), ...d })),
    };
  },

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
      await anonymiseRegistration(tx, id, release ? { status: 'cancelled', cancelledAt: sql`now()`, offerExpiresAt: null } : {});
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
