import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Banner, LocalizedText, SummaryList, Table, esc } from '../../platform/ui/components.js';
import { Button, Form, Radios, Select, TextInput, Textarea } from '../../platform/ui/form.js';
import type { FormState } from '../../platform/forms/validate.js';
import { formatDateTime, formatNumber } from '../../platform/i18n/format.js';
import { VOTE_METHODS, WEIGHTINGS } from './schema.js';
import type { CycleRow, CycleView, ThemeRow } from './service.js';
import { scoreText } from './priority-views.js';

const UTC = 'UTC';
const name = (c: PageContext, x: { title: Record<string, string | undefined>; originalLocale: string }) => c.text(x.title, x.originalLocale).text;
const at = (slug: string) => `/admin/priorities/${slug}`;

/** The fields of a cycle, for a new one or its settings. */
function CycleFields({ c, form, slug }: { c: PageContext; form: FormState; slug: boolean }) {
  return (
    <>
      <TextInput c={c} name="title" label={c.t('surveys.cycles.fields.title')} form={form} width="full" maxlength={200} />
      {slug ? <TextInput c={c} name="slug" label={c.t('surveys.admin.slug')} hint={c.t('surveys.cycles.fields.slugHint')} form={form} /> : ''}
      <Textarea c={c} name="intro" label={c.t('surveys.cycles.fields.intro')} form={form} rows={4} maxlength={4000} />
      <Radios c={c} name="method" label={c.t('surveys.cycles.fields.method')} form={form} options={VOTE_METHODS.map((m) => ({ value: m, label: c.t(`surveys.cycles.methods.${m}`), hint: c.t(`surveys.cycles.methodHints.${m}`) }))} />
      <TextInput c={c} name="approvalLimit" type="number" width="short" label={c.t('surveys.cycles.fields.approvalLimit')} hint={c.t('surveys.cycles.fields.approvalLimitHint')} form={form} />
      <Radios c={c} name="weighting" label={c.t('surveys.cycles.fields.weighting')} form={form} options={WEIGHTINGS.map((w) => ({ value: w, label: c.t(`surveys.cycles.weightings.${w}`) }))} />
      {(['proposalsOpenAt', 'proposalsCloseAt', 'votingOpensAt', 'votingClosesAt'] as const).map((d) => (
        <TextInput c={c} name={d} type="datetime-local" label={c.t(`surveys.cycles.fields.${d}`)} hint={c.t('surveys.admin.utc')} form={form} />
      ))}
    </>
  );
}

const cycleLabels = (c: PageContext) =>
  Object.fromEntries(['title', 'slug', 'intro', 'method', 'approvalLimit', 'weighting', 'proposalsOpenAt', 'proposalsCloseAt', 'votingOpensAt', 'votingClosesAt'].map((f) => [f, f === 'slug' ? c.t('surveys.admin.slug') : c.t(`surveys.cycles.fields.${f}`)]));

export function CyclesAdminPage({ c, list, form }: { c: PageContext; list: { cycle: CycleRow; themes: number; ballots: number }[]; form: FormState }) {
  const title = c.t('surveys.cycles.title');
  return (
    <Layout c={c} title={title} admin form={form} labels={cycleLabels(c)}>
      <h1 safe>{title}</h1>
      <Table
        caption={title}
        head={[c.t('surveys.cycles.cycle'), c.t('surveys.cycles.fields.votingClosesAt'), c.t('surveys.cycles.candidates'), c.t('surveys.cycles.ballots')]}
        numeric={[2, 3]}
        rows={list.map((x) => [`<a href="${esc(c.href(at(x.cycle.slug)))}">${esc(name(c, x.cycle))}</a>`, esc(formatDateTime(c.locale, x.cycle.votingClosesAt, UTC)), esc(formatNumber(c.locale, x.themes)), esc(formatNumber(c.locale, x.ballots))])}
      />
      <h2 safe>{c.t('surveys.cycles.new')}</h2>
      <Form c={c} action={c.href('/admin/priorities')} label={c.t('surveys.cycles.new')}>
        <CycleFields c={c} form={form} slug />
        <Button label={c.t('surveys.cycles.create')} />
      </Form>
    </Layout>
  );
}

/** The cycle for the Secretariat: its settings, and each proposal to keep, merge into another, or set aside with a reason. */
export function CycleAdminPage({ c, view, form, notice }: { c: PageContext; view: CycleView; form: FormState; notice?: string }) {
  const { cycle } = view;
  const title = name(c, cycle);
  const all = [...view.candidates, ...view.others];
  const byId = new Map(all.map((t) => [t.id, t]));
  const editable = view.stage === 'upcoming' || view.stage === 'proposals' || view.stage === 'curating';
  return (
    <Layout c={c} title={title} admin form={form} labels={cycleLabels(c)}>
      <BackLink href={c.href('/admin/priorities')} label={c.t('surveys.cycles.title')} />
      <h1 safe>{title}</h1>
      {notice ? <Banner kind="success" title={c.t(`surveys.cycles.notices.${notice}`)} /> : ''}
      <SummaryList
        rows={[
          [c.t('surveys.cycles.stage'), <span safe>{c.t(`surveys.cycles.stages.${view.stage}`)}</span>],
          [c.t('surveys.cycles.fields.method'), <span safe>{c.t(`surveys.cycles.methods.${cycle.method}`)}</span>],
          [c.t('surveys.cycles.fields.votingClosesAt'), <span safe>{formatDateTime(c.locale, cycle.votingClosesAt, UTC)}</span>],
        ]}
      />
      <div class="actions">
        <a class="button secondary" href={c.href(`/priorities/${cycle.slug}`)} safe>
          {c.t('surveys.cycles.publicPage')}
        </a>
        <a class="button secondary" href={c.href(`${at(cycle.slug)}/decide`)} safe>
          {c.t('surveys.cycles.decideLink')}
        </a>
      </div>
      <h2 safe>{c.t('surveys.cycles.proposals')}</h2>
      {!editable ? <p class="hint" safe>{c.t('surveys.cycles.frozen')}</p> : ''}
      <ul class="card-list">
        {all.map((t) => (
          <li>
            <h3>
              <LocalizedText c={c} value={t.title} original={t.originalLocale} />
            </h3>
            <p class="tag" safe>
              {t.state === 'merged' ? c.t('surveys.cycles.mergedInto', { theme: byId.has(t.mergedInto ?? '') ? name(c, byId.get(t.mergedInto!)!) : '' }) : c.t(`surveys.cycles.states.${t.state === 'set-aside' ? 'setAside' : t.state}`)}
            </p>
            {editable ? <CurateForm c={c} cycle={cycle} theme={t} candidates={view.candidates} /> : ''}
          </li>
        ))}
      </ul>
      {editable ? (
        <>
          <h2 safe>{c.t('surveys.cycles.settings')}</h2>
          <Form c={c} action={c.href(`${at(cycle.slug)}/settings`)} label={c.t('surveys.cycles.settings')}>
            <CycleFields c={c} form={form} slug={false} />
            <Button label={c.t('surveys.admin.save')} />
          </Form>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

function CurateForm({ c, cycle, theme, candidates }: { c: PageContext; cycle: CycleRow; theme: ThemeRow; candidates: ThemeRow[] }) {
  const scope = `t-${theme.id.slice(0, 8)}`;
  return (
    <Form c={c} action={c.href(`${at(cycle.slug)}/themes/${theme.id}`)} label={c.t('surveys.cycles.curate', { theme: name(c, theme) })} class="inline-form">
      {theme.state === 'proposed' ? (
        <>
          <Select
            c={c}
            scope={scope}
            name="into"
            label={c.t('surveys.cycles.mergeInto')}
            placeholder={c.t('surveys.cycles.noMerge')}
            options={candidates.filter((x) => x.id !== theme.id).map((x) => ({ value: x.id, label: name(c, x) }))}
          />
          <TextInput c={c} scope={scope} name="reason" label={c.t('surveys.cycles.reason')} hint={c.t('surveys.cycles.reasonHint')} width="full" maxlength={1000} />
          <Button label={c.t('surveys.cycles.mergeButton')} name="action" value="merge" variant="secondary" />
          <Button label={c.t('surveys.cycles.setAsideButton')} name="action" value="set-aside" variant="warning" />
        </>
      ) : (
        <Button label={c.t('surveys.cycles.restoreButton')} name="action" value="restore" variant="secondary" />
      )}
    </Form>
  );
}

/** The decision: each candidate adopted or not, why, and where the work goes; then the decision's text and what happens next. */
export function DecidePage({ c, view, form, groups, consultations, now }: { c: PageContext; view: CycleView; form: FormState; groups: { id: string; name: string }[]; consultations: { id: string; title: string }[]; now: Date }) {
  const { cycle } = view;
  const title = c.t('surveys.cycles.decideTitle', { cycle: name(c, cycle) });
  const labels: Record<string, string> = { decision: c.t('surveys.cycles.fields.decision'), nextSteps: c.t('surveys.cycles.fields.nextSteps') };
  for (const t of view.candidates) {
    labels[`adopted-${t.id}`] = `${name(c, t)}: ${c.t('surveys.cycles.adoptedQuestion')}`;
    labels[`reason-${t.id}`] = `${name(c, t)}: ${c.t('surveys.cycles.reason')}`;
  }
  const open = now < cycle.votingClosesAt;
  return (
    <Layout c={c} title={title} admin form={form} labels={labels}>
      <BackLink href={c.href(`/priorities/${cycle.slug}`)} label={name(c, cycle)} />
      <h1 safe>{title}</h1>
      {cycle.decidedAt ? <Banner kind="info" title={c.t('surveys.cycles.alreadyDecided', { date: formatDateTime(c.locale, cycle.decidedAt, UTC) })} /> : ''}
      {open ? <Banner kind="info" title={c.t('surveys.cycles.notYet', { date: formatDateTime(c.locale, cycle.votingClosesAt, UTC) })} /> : ''}
      {view.tally ? (
        <Table
          caption={c.t('surveys.cycles.tally')}
          head={[c.t('surveys.cycles.rank'), c.t('surveys.cycles.theme'), c.t('surveys.cycles.score')]}
          numeric={[0, 2]}
          rows={view.tally.standings.map((s) => {
            const theme = view.candidates.find((t) => t.id === s.candidate);
            return [esc(formatNumber(c.locale, s.rank)), esc(theme ? name(c, theme) : ''), esc(scoreText(c.locale, view.tally!.method, s.score))];
          })}
        />
      ) : (
        ''
      )}
      {!open && !cycle.decidedAt ? (
        <Form c={c} action={c.href(`${at(cycle.slug)}/decide`)} label={title}>
          <>{view.candidates.map((t) => (
            <fieldset class="language-block">
              <legend>
                <LocalizedText c={c} value={t.title} original={t.originalLocale} />
              </legend>
              <Radios c={c} name={`adopted-${t.id}`} label={c.t('surveys.cycles.adoptedQuestion')} form={form} inline options={[{ value: 'yes', label: c.t('surveys.cycles.adopt') }, { value: 'no', label: c.t('surveys.cycles.notAdopt') }]} />
              <Textarea c={c} name={`reason-${t.id}`} label={c.t('surveys.cycles.reason')} form={form} rows={2} maxlength={1000} />
              <Select c={c} name={`group-${t.id}`} label={c.t('surveys.cycles.group')} form={form} placeholder={c.t('surveys.admin.noRef')} options={groups.map((g) => ({ value: g.id, label: g.name }))} />
              <Select c={c} name={`consultations-${t.id}`} label={c.t('surveys.cycles.consultations')} form={form} multiple size={3} options={consultations.map((x) => ({ value: x.id, label: x.title }))} />
            </fieldset>
          ))}</>
          <Textarea c={c} name="decision" label={labels.decision!} form={form} rows={4} maxlength={4000} />
          <Textarea c={c} name="nextSteps" label={labels.nextSteps!} form={form} rows={4} maxlength={4000} />
          <Button label={c.t('surveys.cycles.decideButton')} />
        </Form>
      ) : (
        ''
      )}
    </Layout>
  );
}
