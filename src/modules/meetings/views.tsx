import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, LocalizedText, SummaryList, esc } from '../../platform/ui/components.js';
import { dateTimeInZoneHtml, formatDateRange, formatDateTime, formatTime, zoneLabelHtml } from '../../platform/i18n/format.js';
import type { MeetingView, SideActivityView } from './service.js';
import { registrationWindow } from './allocation.js';

export function meetingDates(c: PageContext, m: { startsAt: Date; endsAt: Date; timeZone: string }): string {
  return formatDateRange(c.locale, m.startsAt, m.endsAt, m.timeZone);
}

function RegistrationBox({ c, meeting: m }: { c: PageContext; meeting: MeetingView }) {
  const state = registrationWindow(m, new Date());
  if (state === 'none') return <></>;
  const at = (d: Date | null) => (d ? dateTimeInZoneHtml(c.locale, d, m.timeZone) : '');
  return (
    <section aria-labelledby="registration-heading" class="card">
      <h2 id="registration-heading" safe>
        {c.t('meetings.registerLink')}
      </h2>
      <p>{c.th(`meetings.registration.${state}`, { deadline: at(m.registrationClosesAt), opens: at(m.registrationOpensAt) })}</p>
      {state === 'open' ? (
        <p class="actions">
          <a class="button primary" href={c.href(`/meetings/${m.slug}/register`)} safe>
            {c.t('meetings.registerLink')}
          </a>
          {c.actor ? (
            <a href={c.href(`/meetings/${m.slug}/my-registration`)} safe>
              {c.t('meetings.myRegistration')}
            </a>
          ) : (
            ''
          )}
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

export function MeetingsPage({ c, meetings }: { c: PageContext; meetings: MeetingView[] }) {
  return (
    <Layout c={c} title={c.t('meetings.title')}>
      <h1 safe>{c.t('meetings.title')}</h1>
      {meetings.length === 0 ? (
        <p safe>{c.t('meetings.none')}</p>
      ) : (
        <ul class="card-list">
          {meetings.map((m) => (
            <li>
              <h2>
                <a href={c.href(`/meetings/${m.slug}`)}>
                  <LocalizedText c={c} value={m.title} original={m.originalLocale} />
                </a>
              </h2>
              <p safe>{meetingDates(c, m)}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function MeetingPage({ c, meeting: m, activities, jsonLd }: { c: PageContext; meeting: MeetingView; activities: SideActivityView[]; jsonLd?: string }) {
  const title = c.text(m.title, m.originalLocale);
  return (
    <Layout c={c} title={title.text} head={(jsonLd ?? '') as 'safe'} before={<BackLink href={c.href('/meetings')} label={c.t('meetings.all')} />}>
      <LocalizedText c={c} value={m.title} original={m.originalLocale} as="h1" />
      <p class="actions">
        <a href={c.href(`/meetings/${m.slug}/agenda`)} safe>
          {c.t('meetings.agenda.link')}
        </a>
        <a href={c.href(`/meetings/${m.slug}.ics`)} safe>
          {c.t('meetings.agenda.icsAll')}
        </a>
      </p>
      <SummaryList
        rows={[
          [c.t('meetings.dates'), esc(meetingDates(c, m))],
          [
            c.t('meetings.times'),
            c.th('meetings.timeRange', {
              start: formatDateTime(c.locale, m.startsAt, m.timeZone),
              end: formatDateTime(c.locale, m.endsAt, m.timeZone),
              zone: zoneLabelHtml(c.locale, m.startsAt, m.timeZone),
            }),
          ],
          [
            c.t('meetings.venue'),
            <>
              <LocalizedText c={c} value={m.venueName} original={m.originalLocale} />
              <br />
              <span dir="auto" safe>
                {m.venueAddress}
              </span>
            </>,
          ],
          [c.t('meetings.status'), esc(c.t(`meetings.statuses.${m.status}`))],
        ]}
      />
      <LocalizedText c={c} value={m.description} original={m.originalLocale} as="p" />
      {activities.length ? (
        <>
          <h2 safe>{c.t('meetings.sideActivities')}</h2>
          <ul class="card-list">
            {activities.map((a) => (
              <li>
                <LocalizedText c={c} value={a.title} original={m.originalLocale} as="h3" />
                <p safe>
                  {c.t('meetings.activityWhen', {
                    date: formatDateRange(c.locale, a.startsAt, a.startsAt, m.timeZone),
                    start: formatTime(c.locale, a.startsAt, m.timeZone),
                    end: formatTime(c.locale, a.endsAt, m.timeZone),
                  })}
                </p>
                <LocalizedText c={c} value={a.description} original={m.originalLocale} as="p" />
                {a.membersOnly ? (
                  <p class="tag" safe>
                    {c.t('meetings.membersOnly')}
                  </p>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <RegistrationBox c={c} meeting={m} />
    </Layout>
  );
}
