import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { BackLink, Banner, EditingLanguage, LocalizedText, Table, esc } from '../../../platform/ui/components.js';
import { Button, Form, TextInput, Textarea } from '../../../platform/ui/form.js';
import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import type { FormState } from '../../../platform/forms/validate.js';
import type { GroupPerson, GroupSummary, PendingRequest, WorkingGroupView } from '../service.js';

/** Which of the page's forms a re-shown form state belongs to. */
export type ManageForm = { which: 'texts' | 'chair'; state: FormState };

const textLabels = (c: PageContext) => ({ name: c.t('workingGroups.fields.name'), summary: c.t('workingGroups.fields.summary'), mandate: c.t('workingGroups.fields.mandate'), slug: c.t('workingGroups.fields.slug') });
const chairLabels = (c: PageContext) => ({ chairEmail: c.t('workingGroups.manage.chairEmail'), chairName: c.t('workingGroups.manage.chairName'), chairAffiliation: c.t('workingGroups.join.affiliation') });

function TextFields({ c, form, slug }: { c: PageContext; form: FormState; slug?: boolean }) {
  const l = textLabels(c);
  return (
    <>
      {slug ? <TextInput c={c} name="slug" label={l.slug} hint={c.t('workingGroups.fields.slugHint')} spellcheck={false} form={form} /> : ''}
      <TextInput c={c} name="name" label={l.name} width="full" maxlength={120} form={form} />
      <Textarea c={c} name="summary" label={l.summary} hint={c.t('workingGroups.fields.summaryHint')} rows={3} maxlength={600} form={form} />
      <Textarea c={c} name="mandate" label={l.mandate} hint={c.t('workingGroups.fields.mandateHint')} rows={8} maxlength={6000} form={form} />
    </>
  );
}

/** The values of the texts form: the group's texts in the language being edited (blank where not yet translated). */
export function textValues(group: WorkingGroupView, locale: string): Record<string, string> {
  const l = locale as keyof WorkingGroupView['name'];
  return { name: group.name[l] ?? '', summary: group.summary[l] ?? '', mandate: group.mandate[l] ?? '' };
}

export function ManageGroupPage(props: { c: PageContext; group: WorkingGroupView; requests: PendingRequest[]; people: GroupPerson[]; governs: boolean; form?: ManageForm; notice?: string }) {
  const { c, group, requests, people, governs, form } = props;
  const name = c.text(group.name, group.originalLocale).text;
  const title = c.t('workingGroups.manage.title', { group: name });
  const base = `/working-groups/${group.slug}`;
  const texts = form?.which === 'texts' ? form.state : { values: textValues(group, c.locale), errors: [] };
  const chair = form?.which === 'chair' ? form.state : { values: {}, errors: [] };
  const open = !group.closedAt;
  return (
    <Layout c={c} title={title} form={form?.state} labels={form?.which === 'chair' ? chairLabels(c) : textLabels(c)} before={<BackLink href={c.href(base)} label={c.t('workingGroups.manage.back')} />}>
      {props.notice ? <Banner kind={props.notice === 'gone' ? 'warning' : 'success'} title={c.t(`workingGroups.manage.notices.${props.notice}`)} /> : ''}
      <h1>{c.th('workingGroups.manage.title', { group: name })}</h1>
      {open ? '' : <Banner kind="info" title={c.t('workingGroups.closedOn', { date: formatDate(c.locale, group.closedAt!, 'UTC') })} />}

      <section aria-labelledby="requests">
        <h2 id="requests">
          {c.th('workingGroups.manage.requests', { n: requests.length })}
        </h2>
        {requests.length === 0 ? (
          <p safe>{c.t('workingGroups.manage.noRequests')}</p>
        ) : (
          <ul class="card-list">
            {requests.map((r) => (
              <li>
                <h3 safe>{r.name}</h3>
                <p>
                  <span safe>{r.email}</span>
                  {r.affiliation ? <span safe>{` · ${r.affiliation}`}</span> : ''}
                  <span safe>{` · ${c.t('workingGroups.manage.askedOn', { date: formatDate(c.locale, r.createdAt, 'UTC') })}`}</span>
                </p>
                {r.message ? (
                  <blockquote>
                    <p safe>{r.message}</p>
                  </blockquote>
                ) : (
                  ''
                )}
                <p class="hint" safe>
                  {c.t(r.listed ? 'workingGroups.manage.wantsListed' : 'workingGroups.manage.notListed')}
                </p>
                {open ? (
                  <div class="actions">
                    <Form c={c} action={c.href(`${base}/requests/${r.id}/accept`)} class="inline">
                      <Button label={c.t('workingGroups.manage.accept', { name: r.name })} />
                    </Form>
                    <Form c={c} action={c.href(`${base}/requests/${r.id}/decline`)} class="inline">
                      <Button label={c.t('workingGroups.manage.decline', { name: r.name })} variant="secondary" />
                    </Form>
                  </div>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="people">
        <h2 id="people" safe>
          {c.t('workingGroups.people')}
        </h2>
        <Table
          caption={c.t('workingGroups.manage.peopleCaption', { n: people.length })}
          head={[c.t('workingGroups.manage.name'), c.t('workingGroups.manage.email'), c.t('workingGroups.manage.role'), c.t('workingGroups.manage.listed'), c.t('workingGroups.manage.since'), c.t('workingGroups.manage.actions')]}
          empty={c.t('workingGroups.noMembers')}
          rows={people.map((p) => [
            <>
              <span safe>{p.name}</span>
              {p.affiliation ? <span class="hint" safe>{` · ${p.affiliation}`}</span> : ''}
            </>,
            esc(p.email),
            esc(c.t(`workingGroups.roles.${p.role}`)),
            esc(c.t(p.listed ? 'common.yes' : 'common.no')),
            esc(formatDate(c.locale, p.joinedAt, 'UTC')),
            p.role === 'member' && open ? (
              <Form c={c} action={c.href(`${base}/members/${p.userId}/remove`)} class="inline">
                <button type="submit" class="button small warning">
                  {c.th('workingGroups.manage.remove', { name: p.name })}
                </button>
              </Form>
            ) : p.role === 'chair' && governs ? (
              <Form c={c} action={c.href(`${base}/chairs/${p.userId}/remove`)} class="inline">
                <button type="submit" class="button small warning">
                  {c.th('workingGroups.manage.removeChair', { name: p.name })}
                </button>
              </Form>
            ) : (
              ''
            ),
          ])}
        />
      </section>

      {governs ? (
        <section aria-labelledby="chairs">
          <h2 id="chairs" safe>
            {c.t('workingGroups.manage.nameChair')}
          </h2>
          <p safe>{c.t('workingGroups.manage.nameChairIntro')}</p>
          <Form c={c} action={c.href(`${base}/chairs`)}>
            <TextInput c={c} name="chairEmail" type="email" label={chairLabels(c).chairEmail} autocomplete="off" spellcheck={false} form={chair} />
            <TextInput c={c} name="chairName" label={chairLabels(c).chairName} form={chair} />
            <TextInput c={c} name="chairAffiliation" label={chairLabels(c).chairAffiliation} form={chair} />
            <Button label={c.t('workingGroups.manage.nameChairSubmit')} />
          </Form>
        </section>
      ) : (
        ''
      )}

      <section aria-labelledby="texts">
        <h2 id="texts" safe>
          {c.t('workingGroups.manage.texts')}
        </h2>
        <EditingLanguage c={c} original={group.originalLocale} versions={{ href: (l) => c.href(`/admin/translations/working-group/${group.id}/${l}`), has: (l) => !!group.name[l]?.trim() }} />
        <Form c={c} action={c.href(`${base}/texts`)}>
          <TextFields c={c} form={texts} />
          <Button label={c.t('workingGroups.manage.saveTexts')} />
        </Form>
      </section>

      {governs ? (
        <section aria-labelledby="status">
          <h2 id="status" safe>
            {c.t('workingGroups.manage.status')}
          </h2>
          <p safe>{c.t(open ? 'workingGroups.manage.closeIntro' : 'workingGroups.manage.reopenIntro')}</p>
          <Form c={c} action={c.href(`${base}/${open ? 'close' : 'reopen'}`)}>
            <Button label={c.t(open ? 'workingGroups.manage.close' : 'workingGroups.manage.reopen')} variant={open ? 'warning' : 'secondary'} />
          </Form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** The Secretariat's list of groups, with the form to create one. */
export function GroupsAdminPage({ c, groups, form, notice }: { c: PageContext; groups: GroupSummary[]; form?: FormState; notice?: string }) {
  const title = c.t('workingGroups.admin.title');
  return (
    <Layout c={c} title={title} admin form={form} labels={textLabels(c)}>
      {notice ? <Banner kind="success" title={c.t(`workingGroups.admin.notices.${notice}`)} /> : ''}
      <h1 safe>{title}</h1>
      <Table
        caption={c.t('workingGroups.admin.caption', { n: groups.length })}
        head={[c.t('workingGroups.fields.name'), c.t('workingGroups.admin.status'), c.t('workingGroups.admin.chairs'), c.t('workingGroups.admin.members'), c.t('workingGroups.admin.pending')]}
        numeric={[2, 3, 4]}
        empty={c.t('workingGroups.none')}
        rows={groups.map((g) => [
          <a href={c.href(`/working-groups/${g.slug}/manage`)}>
            <LocalizedText c={c} value={g.name} original={g.originalLocale} />
          </a>,
          esc(g.closedAt ? c.t('workingGroups.admin.closed', { date: formatDate(c.locale, g.closedAt, 'UTC') }) : c.t('workingGroups.admin.open')),
          esc(formatNumber(c.locale, g.chairs)),
          esc(formatNumber(c.locale, g.members)),
          esc(formatNumber(c.locale, g.pending)),
        ])}
      />
      <h2 safe>{c.t('workingGroups.admin.create')}</h2>
      <EditingLanguage c={c} original={c.locale} />
      <Form c={c} action={c.href('/admin/working-groups')}>
        <TextFields c={c} form={form ?? { values: {}, errors: [] }} slug />
        <Button label={c.t('workingGroups.admin.createSubmit')} />
      </Form>
    </Layout>
  );
}
