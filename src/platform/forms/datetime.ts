import { DateTime } from 'luxon';

/** Dates and times typed in `datetime-local` fields, read as wall-clock time in a given zone (a meeting's venue, the site's). */
export const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A `datetime-local` value, read as wall-clock time in the given zone. */
export function fromLocal(value: string, timeZone: string): Date | null {
  if (!LOCAL_DATETIME.test(value)) return null;
  const dt = DateTime.fromISO(value, { zone: timeZone });
  return dt.isValid ? dt.toJSDate() : null;
}

/** The `datetime-local` value showing a moment in the given zone. */
export function toLocal(date: Date | null, timeZone: string): string {
  return date ? DateTime.fromJSDate(date, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm") : '';
}
