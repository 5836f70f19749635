import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { BackLink, LocalizedText } from '../../../platform/ui/components.js';
import { formatDate, formatTime, zoneLabelHtml } from '../../../platform/i18n/format.js';
import type { MeetingView, SessionView } from '../service.js';

/** Sessions grouped by day, the day as the meeting's zone sees it. */
function byDay(sessions: SessionView[], timeZone: string): [string, SessionView[]][] {
  const days = new Map<string, SessionView[]>();
  const key = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  for (const s of sessions) {
    const k = key.format(s.startsAt);
    days.set(k, [...(days.get(k) ?? []), s]);
  }
  return [...days.entries()];
}

export function AgendaPage({ c, meeting: m, sessions }: { c: PageContext; meeting: MeetingView; sessions: SessionView[] }) {
  const title = c.text(m.title, m.originalLocale).text;
  return (
    <Layout c={c} title={c.t('meetings.agenda.title', { meeting: title })} before={<BackLink href={c.href(`/meetings/${m.slug}`)} label={c.t('common.back')} />}>
      <h1>{c.th('meetings.agenda.title', { meeting: title })}</h1>
      <p>{c.th('meetings.agenda.zone', { zone: zoneLabelHtml(c.locale, m.startsAt, m.timeZone) })}</p>
      <p>
        <a href={c.href(`/meetings/${m.slug}.ics`)} safe>
          {c.t('meetings.agenda.icsAll')}
        </a>
      </p>
      {sessions.length === 0 ? <p safe>{c.t('meetings.agenda.none')}</p> : ''}
      <>
      {byDay(sessions, m.timeZone).map(([, list], i) => (
        <section aria-labelledby={`day-${i + 1}`}>
          <h2 id={`day-${i + 1}`}>
            {c.th('meetings.agenda.day', { n: i + 1, date: formatDate(c.locale, list[0]!.startsAt, m.timeZone, 'full') })}
          </h2>
          <ol class="agenda">
            {list.map((s) => (
              <li class={`session ${s.kind}`}>
                <p class="when">
                  <time datetime={s.startsAt.toISOString()} safe>
                    {formatTime(c.locale, s.startsAt, m.timeZone)}
                  </time>
                  {'–'}
                  <time datetime={s.endsAt.toISOString()} safe>
                    {formatTime(c.locale, s.endsAt, m.timeZone)}
                  </time>
                </p>
                <div>
                  <p class="tag" safe>
                    {c.t(`meetings.kinds.${s.kind}`)}
                  </p>
                  <LocalizedText c={c} value={s.title} original={m.originalLocale} as="h3" />
                  {Object.keys(s.description).length ? <LocalizedText c={c} value={s.description} original={m.originalLocale} as="p" /> : ''}
                  {s.room ? <p>{c.th('meetings.agenda.room', { room: s.room })}</p> : ''}
                  {s.speakers.length ? <p>{c.th('meetings.agenda.speakers', { names: new Intl.ListFormat(c.locale).format(s.speakers) })}</p> : ''}
                  {s.chairs.length ? <p>{c.th('meetings.agenda.chairs', { names: new Intl.ListFormat(c.locale).format(s.chairs) })}</p> : ''}
                  {s.kind !== 'break' ? (
                    <p>
                      <a href={c.href(`/meetings/${m.slug}/sessions/${s.id}.ics`)} safe>
                        {c.t('meetings.agenda.icsOne')}
                      </a>
                    </p>
                  ) : (
                    ''
                  )}
                </div>
              </li>
            ))}
          </ol>
        </section>
      ))}
      </>
    </Layout>
  );
}

/** schema.org Event, as JSON-LD in the meeting page (data, not script: the CSP does not run it). */
export function eventJsonLd(c: PageContext, m: MeetingView, url: string): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: c.text(m.title, m.originalLocale).text,
    description: c.text(m.description, m.originalLocale).text,
    startDate: m.startsAt.toISOString(),
    endDate: m.endsAt.toISOString(),
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    isAccessibleForFree: true,
    inLanguage: c.locale,
    url,
    location: { '@type': 'Place', name: c.text(m.venueName, m.originalLocale).text, address: m.venueAddress },
  };
  // "<" escaped so no text can close the script element.
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}
