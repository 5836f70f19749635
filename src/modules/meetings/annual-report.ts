import { and, asc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { isSmall, SMALL_NUMBER, type AnnualItem, type AnnualReportProvider } from '../../platform/annual-report/contract.js';
import { localize, type I18nText } from '../../platform/i18n/content.js';
import { formatDateRange } from '../../platform/i18n/format.js';
import { isLocale, LOCALES, type Locale } from '../../platform/i18n/locales.js';
import { meetings, registrations } from './schema.js';

/** The languages a text is written in. */
const writtenIn = (value: I18nText): Locale[] => LOCALES.filter((l) => !!value[l]?.trim());

/** People with a confirmed place at each meeting (by e-mail address, each once), as the figures count them. */
async function participantsOf(db: Executor, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ meetingId: registrations.meetingId, n: sql<number>`count(distinct lower(${registrations.email}))`.mapWith(Number) })
    .from(registrations)
    .where(and(inArray(registrations.meetingId, ids), eq(registrations.status, 'confirmed')))
    .groupBy(registrations.meetingId);
  return new Map(rows.map((r) => [r.meetingId, r.n]));
}

/**
 * The meetings held in the year (begun in it, by now, drafts left out): when, where, and how many
 * took part — "fewer than 5" rather than a smaller number, as the published figures say it.
 */
export const meetingsAnnualReport: AnnualReportProvider = async (db, { year, locale, t, config, now }) => {
  const rows = await db
    .select()
    .from(meetings)
    .where(and(ne(meetings.status, 'draft'), sql`extract(year from ${meetings.startsAt}) = ${year}`, lte(meetings.startsAt, now)))
    .orderBy(asc(meetings.startsAt), asc(meetings.slug));
  const participants = await participantsOf(
    db,
    rows.map((m) => m.id),
  );
  const languages = new Set<Locale>();
  const items = rows.map((m): AnnualItem => {
    const original = isLocale(m.originalLocale) ? m.originalLocale : 'en';
    for (const l of writtenIn(m.title)) languages.add(l);
    const title = localize(m.title, locale, original);
    const venue = localize(m.venueName, locale, original).text;
    const n = participants.get(m.id) ?? 0;
    const lines = [
      venue || m.venueAddress ? t('meetings.annualReport.place', { place: [venue, m.venueAddress].filter(Boolean).join(', ') }) : '',
      n === 0 ? '' : isSmall(n) ? t('meetings.annualReport.participantsSmall', { n: SMALL_NUMBER }) : t('meetings.annualReport.participants', { n }),
    ].filter(Boolean);
    return {
      title: title.text,
      lang: title.lang,
      fallback: title.fallback,
      date: formatDateRange(locale, m.startsAt, m.endsAt, m.timeZone),
      lines,
      link: `${config.baseUrl}/${locale}/meetings/${m.slug}`,
    };
  });
  return {
    title: 'meetings.annualReport.title',
    params: { year },
    intro: t('meetings.annualReport.intro', { n: SMALL_NUMBER }),
    empty: t('meetings.annualReport.none', { year }),
    items,
    languages: [...languages],
  };
};
