import type * as IcalGenerator from 'ical-generator';
import type * as IcalTimezones from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import { localize, type I18nText } from '../../platform/i18n/content.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { lazyPackage } from '../../platform/lazy.js';

/** Loaded with the first calendar file asked for. */
const icalGenerator = lazyPackage<typeof IcalGenerator>('ical-generator');
const icalTimezones = lazyPackage<typeof IcalTimezones>('@touch4it/ical-timezones');

export interface IcsEvent {
  uid: string;
  title: I18nText;
  description?: I18nText;
  startsAt: Date;
  endsAt: Date;
  location?: string;
  url?: string;
}

/**
 * An iCalendar file (RFC 5545) for events in one time zone: times are written as local times
 * with the zone's TZID and a VTIMEZONE, so calendars show them right wherever the reader is.
 */
export function icsFile(opts: { name: string; timeZone: string; locale: Locale; originalLocale: string; events: IcsEvent[] }): string {
  const original = isLocale(opts.originalLocale) ? opts.originalLocale : 'en';
  const { default: ical, ICalCalendarMethod } = icalGenerator();
  const cal = ical({
    name: opts.name,
    prodId: { company: 'Bridges', product: 'Bridges', language: opts.locale.toUpperCase() },
    timezone: { name: opts.timeZone, generator: icalTimezones().getVtimezoneComponent },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const e of opts.events) {
    cal.createEvent({
      id: e.uid,
      start: DateTime.fromJSDate(e.startsAt, { zone: opts.timeZone }),
      end: DateTime.fromJSDate(e.endsAt, { zone: opts.timeZone }),
      timezone: opts.timeZone,
      summary: localize(e.title, opts.locale, original).text,
      description: e.description ? localize(e.description, opts.locale, original).text || undefined : undefined,
      location: e.location || undefined,
      url: e.url,
    });
  }
  return cal.toString();
}
