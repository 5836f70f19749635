import type { PanelContext } from '../../../platform/panels.js';
import { localize } from '../../../platform/i18n/content.js';
import { isLocale } from '../../../platform/i18n/locales.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { registrationsOfAccount, sessionsOfGroup } from '../service.js';
import { formatDateRange } from '../../../platform/i18n/format.js';

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
              <span class="hint">
                {c.th('meetings.groupSessions.at', { meeting: localize(meeting.title, c.locale, original).text, date: formatDate(c.locale, session.startsAt, meeting.timeZone) })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** On a member's own page: the meetings the person registered for, each with its state and a link to manage it. */
export function MyRegistrationsPanel({ c, rows }: { c: PanelContext; rows: Awaited<ReturnType<typeof registrationsOfAccount>> }) {
  return (
    <section aria-labelledby="my-registrations" class="panel">
      <h2 id="my-registrations" safe>
        {c.t('meetings.mine.title')}
      </h2>
      {rows.length ? (
        <ul>
          {rows.map(({ status, meeting }) => {
            const title = localize(meeting.title, c.locale, isLocale(meeting.originalLocale) ? meeting.originalLocale : 'en');
            return (
              <li>
                <a href={c.href(`/meetings/${meeting.slug}/my-registration`)} lang={title.lang === c.locale ? undefined : title.lang} safe>
                  {title.text}
                </a>{' '}
                <span class="hint" safe>
                  {`${formatDateRange(c.locale, meeting.startsAt, meeting.endsAt, meeting.timeZone)} · ${c.t(`meetings.regStatuses.${status}`)}`}
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p>
          <span safe>{c.t('meetings.mine.none')}</span>{' '}
          <a href={c.href('/meetings')} safe>
            {c.t('meetings.mine.see')}
          </a>
        </p>
      )}
    </section>
  );
}
