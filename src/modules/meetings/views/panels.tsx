import type { PanelContext } from '../../../platform/panels.js';
import { localize } from '../../../platform/i18n/content.js';
import { isLocale } from '../../../platform/i18n/locales.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { sessionsOfGroup } from '../service.js';

/** On a working group's page: the meeting sessions it takes part in, newest first, each with its meeting and day (no "coming" or "past": the page is kept until data changes). */
export function GroupSessionsPanel({ c, sessions }: { c: PanelContext; sessions: Awaited<ReturnType<typeof sessionsOfGroup>> }) {
  if (!sessions.length) return '';
  return (
    <section aria-labelledby="group-sessions" class="panel">
      <h2 id="group-sessions" safe>
        {c.t('meetings.groupSessions.title')}
      </h2>
      <ul>
        {sessions.map(({ session, meeting }) => {
          const original = isLocale(meeting.originalLocale) ? meeting.originalLocale : 'en';
          const title = localize(session.title, c.locale, original);
          return (
            <li>
              <a href={c.href(`/meetings/${meeting.slug}/agenda`)} lang={title.lang === c.locale ? undefined : title.lang} safe>
                {title.text}
              </a>{' '}
              <span class="hint" safe>
                {c.t('meetings.groupSessions.at', { meeting: localize(meeting.title, c.locale, original).text, date: formatDate(c.locale, session.startsAt, meeting.timeZone) })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
