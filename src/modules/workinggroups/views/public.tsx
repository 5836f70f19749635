import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { BackLink, Banner, LocalizedParagraphs, LocalizedText } from '../../../platform/ui/components.js';
import { Button, Checkboxes, Form, TextInput, Textarea } from '../../../platform/ui/form.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { FormState } from '../../../platform/forms/validate.js';
import type { GroupPage, PersonOnPage, WorkingGroupView } from '../service.js';
import { DocumentList } from './reports.js';

function GroupCards({ c, groups }: { c: PageContext; groups: WorkingGroupView[] }) {
  return (
    <ul class="card-list">
      {groups.map((g) => (
        <li>
          <h3>
            <a href={c.href(`/working-groups/${g.slug}`)}>
              <LocalizedText c={c} value={g.name} original={g.originalLocale} />
            </a>
          </h3>
          <LocalizedText c={c} value={g.summary} original={g.originalLocale} as="p" />
        </li>
      ))}
    </ul>
  );
}

function GroupSection({ c, id, title, groups }: { c: PageContext; id: string; title: string; groups: WorkingGroupView[] }) {
  if (!groups.length) return '';
  return (
    <section aria-labelledby={id}>
      <h2 id={id} safe>
        {title}
      </h2>
      <GroupCards c={c} groups={groups} />
    </section>
  );
}

export function WorkingGroupsPage({ c, groups }: { c: PageContext; groups: WorkingGroupView[] }) {
  const open = groups.filter((g) => !g.closedAt);
  const closed = groups.filter((g) => g.closedAt);
  return (
    <Layout c={c} title={c.t('workingGroups.title')}>
      <h1 safe>{c.t('workingGroups.title')}</h1>
      <p safe>{c.t('workingGroups.intro')}</p>
      {groups.length === 0 ? <p safe>{c.t('workingGroups.none')}</p> : ''}
      <GroupSection c={c} id="open-groups" title={c.t('workingGroups.open')} groups={open} />
      <GroupSection c={c} id="closed-groups" title={c.t('workingGroups.closedGroups')} groups={closed} />
    </Layout>
  );
}

function People({ c, people }: { c: PageContext; people: PersonOnPage[] }) {
  return (
    <ul class="people-list">
      {people.map((p) => (
        <li>
          <span class="person-name" safe>
            {p.name}
          </span>
          {p.affiliation ? (
            <>
              {', '}
              <span class="person-affiliation" safe>
                {p.affiliation}
              </span>
            </>
          ) : (
            ''
          )}
        </li>
      ))}
    </ul>
  );
}

/** What the signed-in reader may do: ask to join (a form), see their request waiting, leave, or go to the chairs' page. */
function Joining({ c, page, form }: { c: PageContext; page: GroupPage; form?: FormState }) {
  const { viewer, group } = page;
  const base = `/working-groups/${group.slug}`;
  if (group.closedAt) return '';
  if (!c.actor) {
    return (
      <p>
        <a href={c.href(`/sign-in?next=${encodeURIComponent(c.href(base))}`)} safe>
          {c.t('workingGroups.join.signIn')}
        </a>
      </p>
    );
  }
  const parts: JSX.Element[] = [];
  if (viewer.mayManage) {
    parts.push(
      <p>
        <a class="button secondary" href={c.href(`${base}/manage`)} safe>
          {c.t('workingGroups.manage.link')}
        </a>
      </p>,
    );
  }
  if (viewer.belongs) parts.push(<p safe>{c.t(viewer.chair ? 'workingGroups.join.youChair' : 'workingGroups.join.youBelong')}</p>);
  if (viewer.mayLeave) {
    parts.push(
      <Form c={c} action={c.href(`${base}/leave`)} class="inline">
        <Button label={c.t('workingGroups.join.leave')} variant="secondary" />
      </Form>,
    );
  }
  if (viewer.pending) parts.push(<p safe>{c.t('workingGroups.join.pending')}</p>);
  if (viewer.notAMember) {
    parts.push(
      <p>
        <span safe>{c.t('workingGroups.join.membersOnly')}</span>{' '}
        <a href={c.href('/join')} safe>
          {c.t('workingGroups.join.becomeMember')}
        </a>
      </p>,
    );
  }
  if (viewer.mayAsk) {
    const state = form ?? { values: { listed: ['yes'] }, errors: [] };
    parts.push(
      <>
        <h3 safe>{c.t('workingGroups.join.title')}</h3>
        <p safe>{c.t('workingGroups.join.intro')}</p>
        <Form c={c} action={c.href(`${base}/join`)}>
          <Textarea c={c} name="message" label={c.t('workingGroups.join.message')} hint={c.t('workingGroups.join.messageHint')} rows={4} maxlength={2000} form={state} />
          <TextInput c={c} name="affiliation" label={c.t('workingGroups.join.affiliation')} hint={c.t('workingGroups.join.affiliationHint')} maxlength={200} autocomplete="organization" form={state} />
          <Checkboxes c={c} name="listed" label={c.t('workingGroups.join.listedLegend')} options={[{ value: 'yes', label: c.t('workingGroups.join.listed') }]} form={state} />
          <Button label={c.t('workingGroups.join.submit')} />
        </Form>
      </>,
    );
  }
  return parts.length ? (
    <section aria-labelledby="joining" class="panel">
      <h2 id="joining" safe>
        {c.t('workingGroups.join.heading')}
      </h2>
      {parts as 'safe'[]}
    </section>
  ) : (
    ''
  );
}

export function WorkingGroupPage({ c, page, form, notice, panels }: { c: PageContext; page: GroupPage; form?: FormState; notice?: string; panels?: string[] }) {
  const { group } = page;
  const name = c.text(group.name, group.originalLocale);
  return (
    <Layout c={c} title={name.text} form={form} labels={{ message: c.t('workingGroups.join.message'), affiliation: c.t('workingGroups.join.affiliation') }} before={<BackLink href={c.href('/working-groups')} label={c.t('workingGroups.all')} />}>
      {notice ? <Banner kind={notice === 'asked' || notice === 'left' ? 'success' : 'info'} title={c.t(`workingGroups.notices.${notice}`)} /> : ''}
      <LocalizedText c={c} value={group.name} original={group.originalLocale} as="h1" />
      {group.closedAt ? (
        <Banner kind="info" title={c.t('workingGroups.closedOn', { date: formatDate(c.locale, group.closedAt, 'UTC') })}>
          <p safe>{c.t('workingGroups.closedNote')}</p>
        </Banner>
      ) : (
        ''
      )}
      <LocalizedText c={c} value={group.summary} original={group.originalLocale} as="p" />
      <section aria-labelledby="mandate">
        <h2 id="mandate" safe>
          {c.t('workingGroups.mandate')}
        </h2>
        {c.text(group.mandate, group.originalLocale).text ? <LocalizedParagraphs c={c} value={group.mandate} original={group.originalLocale} /> : <p safe>{c.t('workingGroups.noMandate')}</p>}
      </section>
      <section aria-labelledby="people">
        <h2 id="people" safe>
          {c.t('workingGroups.people')}
        </h2>
        <h3>{c.th('workingGroups.chairs', { n: page.chairs.length })}</h3>
        {page.chairs.length ? <People c={c} people={page.chairs} /> : <p safe>{c.t('workingGroups.noChairs')}</p>}
        <h3>{c.th('workingGroups.members', { n: page.memberCount })}</h3>
        {page.listed.length ? <People c={c} people={page.listed} /> : ''}
        {page.memberCount === 0 ? <p safe>{c.t('workingGroups.noMembers')}</p> : ''}
        {page.memberCount > page.listed.length ? (
          <p class="hint">
            {c.th('workingGroups.unlisted', { n: page.memberCount - page.listed.length })}
          </p>
        ) : (
          ''
        )}
      </section>
      <section aria-labelledby="documents">
        <h2 id="documents" safe>
          {c.t('workingGroups.documents')}
        </h2>
        <DocumentList c={c} group={group} documents={page.documents} />
        {page.viewer.mayWrite ? (
          <p>
            <a class="button secondary" href={c.href(`/working-groups/${group.slug}/reports/new`)} safe>
              {c.t('workingGroups.reports.write')}
            </a>
          </p>
        ) : (
          ''
        )}
      </section>
      {(panels ?? []).join('') as 'safe'}
      <Joining c={c} page={page} form={form} />
    </Layout>
  );
}
