import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Banner, SummaryList } from '../../platform/ui/components.js';
import { Button, Checkboxes, Form, Radios, Select } from '../../platform/ui/form.js';
import type { FormState } from '../../platform/forms/validate.js';
import { formatNumber } from '../../platform/i18n/format.js';
import type { SurveyRow, SurveyState } from './respond.js';
import type { InvitationPreview, InvitationsView } from './invitations.js';
import { stateLabel } from './admin-views.js';

/** After a run: `invited-3`, `reminded-2`. */
export const INVITE_NOTICES = /^(invited|reminded)-\d+$/;

function Notice({ c, notice }: { c: PageContext; notice: string }) {
  const [kind, n] = notice.split('-') as ['invited' | 'reminded', string];
  return <Banner kind="success" title={c.t(kind === 'invited' ? 'surveys.invite.sent' : 'surveys.invite.remindSent', { n: Number(n) || 0 })} />;
}

/** The audiences a public survey may be sent to: the newsletter's, as for a consultation. */
function PublicAudience({ c, view, form }: { c: PageContext; view: InvitationsView; form: FormState }) {
  const choices = view.choices!;
  return (
    <>
      <Radios c={c} name="membership" label={c.t('surveys.invite.membership')} options={[{ value: '', label: c.t('surveys.invite.anyone') }, { value: 'members', label: c.t('surveys.invite.members') }, { value: 'others', label: c.t('surveys.invite.others') }]} form={form} />
      <Select c={c} name="workingGroupSlug" label={c.t('surveys.invite.group')} placeholder={c.t('surveys.invite.any')} options={choices.groups.map((g) => ({ value: g.slug, label: g.name }))} form={form} />
      <Select c={c} name="meetingId" label={c.t('surveys.invite.meeting')} placeholder={c.t('surveys.invite.any')} options={choices.meetings.map((m) => ({ value: m.id, label: m.name }))} form={form} />
      <Checkboxes c={c} name="topics" label={c.t('surveys.invite.topics')} options={choices.topics.map((t) => ({ value: t, label: c.t(`newsletter.topics.${t}`) }))} form={form} />
    </>
  );
}

/**
 * The Secretariat invites a survey's audience (only people who agreed to the Alliance's mail) — first
 * counting who it would reach, then sending — and reminds, once, those who have not responded.
 * `refused` is the state that stopped what was asked (a draft, a closed survey; a scheduled one for reminders).
 */
export function InvitePage(props: { c: PageContext; s: SurveyRow; view: InvitationsView; form: FormState; preview?: InvitationPreview; notice?: string; refused?: SurveyState }) {
  const { c, s, view, form, preview } = props;
  const name = c.text(s.title, s.originalLocale).text;
  const heading = c.t('surveys.invite.title', { title: name });
  const action = c.href(`/admin/surveys/${s.slug}/invite`);
  const fresh = preview ? preview.reach - preview.already - preview.atCap : 0;
  const invites = view.state === 'scheduled' || view.state === 'open';
  const labels = { membership: c.t('surveys.invite.membership'), workingGroupSlug: c.t('surveys.invite.group'), meetingId: c.t('surveys.invite.meeting'), topics: c.t('surveys.invite.topics') };
  return (
    <Layout c={c} title={heading} admin form={form} labels={labels} before={<BackLink href={c.href(`/admin/surveys/${s.slug}`)} label={name} />}>
      {props.notice ? <Notice c={c} notice={props.notice} /> : ''}
      {props.refused || !invites ? <Banner kind={props.refused ? 'warning' : 'info'} title={c.t(`surveys.invite.refused.${props.refused ?? view.state}`)} /> : ''}
      <h1 safe>{heading}</h1>
      <p safe>{c.t('surveys.invite.intro', { cap: view.cap })}</p>
      <SummaryList
        rows={[
          [c.t('surveys.admin.state'), <span safe>{stateLabel(c, view.state)}</span>],
          [c.t('surveys.admin.audience'), <span safe>{view.audienceName ? `${c.t(`surveys.audiences.${s.audience}`)}: ${view.audienceName}` : c.t(`surveys.audiences.${s.audience}`)}</span>],
          [c.t('surveys.invite.invited'), <span safe>{formatNumber(c.locale, view.invited)}</span>],
          [c.t('surveys.invite.reminded'), <span safe>{formatNumber(c.locale, view.reminded)}</span>],
        ]}
      />
      {invites ? (
        <>
          <h2 safe>{c.t('surveys.invite.inviteTitle')}</h2>
          {preview ? (
            <Banner kind="info" title={c.t('surveys.invite.preview', { n: fresh })}>
              <ul>
                <li safe>{c.t('surveys.invite.reach', { n: preview.reach })}</li>
                <li safe>{c.t('surveys.invite.already', { n: preview.already })}</li>
                <li safe>{c.t('surveys.invite.atCap', { n: preview.atCap })}</li>
              </ul>
            </Banner>
          ) : (
            ''
          )}
          <Form c={c} action={action} label={c.t('surveys.invite.inviteTitle')}>
            {view.choices ? <PublicAudience c={c} view={view} form={form} /> : ''}
            <div class="actions">
              <Button name="step" value="preview" label={c.t('surveys.invite.count')} variant="secondary" />
              {fresh > 0 ? <Button name="step" value="send" label={c.t('surveys.invite.send', { n: fresh })} /> : ''}
            </div>
          </Form>
          <h2 safe>{c.t('surveys.invite.remindTitle')}</h2>
          <p safe>{c.t('surveys.invite.remindIntro')}</p>
          {view.state === 'open' ? (
            <>
              <p safe>{c.t('surveys.invite.remindable', { n: view.remindable })}</p>
              {view.remindable > 0 ? (
                <Form c={c} action={action} label={c.t('surveys.invite.remindTitle')}>
                  <Button name="step" value="remind" label={c.t('surveys.invite.remind', { n: view.remindable })} />
                </Form>
              ) : (
                ''
              )}
            </>
          ) : (
            <p safe>{c.t('surveys.invite.refused.scheduled')}</p>
          )}
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
