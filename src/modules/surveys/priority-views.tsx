import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Banner, LocalizedParagraphs, LocalizedText, SummaryList, Table, esc } from '../../platform/ui/components.js';
import { Button, Form, Radios, Select, Textarea, TextInput, fieldId, ErrorText } from '../../platform/ui/form.js';
import type { FormState } from '../../platform/forms/validate.js';
import { barSpec, chartSvg } from '../../platform/charts/render.js';
import { formatDateTime, formatNumber } from '../../platform/i18n/format.js';
import { direction, type Locale } from '../../platform/i18n/locales.js';
import { localize, type I18nText } from '../../platform/i18n/content.js';
import { countryOptions } from '../../platform/geo/countries.js';
import { STAKEHOLDER_GROUPS } from '../consultations/service.js';
import { cycleStage, type CycleRow, type CycleView, type TallyResult, type ThemeRow } from './priorities.js';

/**
 * The members' and public pages of setting priorities: the cycles, a cycle's page (the call, the
 * candidate themes with the proposals merged into them, the result once the vote has closed, the
 * decision), and the vote by the cycle's method. Everything works with JavaScript off.
 */

const base = (slug: string) => `/priorities/${slug}`;
type Words = Pick<PageContext, 't' | 'locale'>;
const plain = (c: Words, value: I18nText, original: string) => localize(value, c.locale, original as Locale).text;
/** lang/dir for a text shown in a language other than the page's. */
function langOf(c: PageContext, value: I18nText, original: string): { lang?: string; dir?: 'ltr' | 'rtl' } {
  const t = c.text(value, original);
  return t.lang === c.locale ? {} : { lang: t.lang, dir: direction(t.lang) !== c.dir ? direction(t.lang) : undefined };
}
const utc = (c: Words, d: Date) => formatDateTime(c.locale, d, 'UTC');
const fromTo = (c: Words, from: Date, to: Date) => c.t('priorities.fromTo', { from: utc(c, from), to: utc(c, to) });

/** The cycles as cards: title, stage and dates (UTC), the current ones first. Also on the surveys page. */
export function CycleCards({ c, cycles, now, heading }: { c: PageContext; cycles: CycleRow[]; now: Date; heading: 'h2' | 'h3' }) {
  return (
    <ul class="card-list">
      {cycles.map((cycle) => (
        <li>
          {`<${heading}>` as 'safe'}
          <a href={c.href(base(cycle.slug))}>
            <LocalizedText c={c} value={cycle.title} original={cycle.originalLocale} />
          </a>
          {`</${heading}>` as 'safe'}
          <p class="tag" safe>
            {c.t(`priorities.stages.${cycleStage(cycle, now)}`)}
          </p>
          <p safe>{`${c.t('priorities.proposals')}: ${fromTo(c, cycle.proposalsOpenAt, cycle.proposalsCloseAt)}`}</p>
          <p safe>{`${c.t('priorities.voting')}: ${fromTo(c, cycle.votingOpensAt, cycle.votingClosesAt)}`}</p>
        </li>
      ))}
    </ul>
  );
}

export function CyclesPage({ c, cycles, now }: { c: PageContext; cycles: CycleRow[]; now: Date }) {
  const title = c.t('priorities.title');
  return (
    <Layout c={c} title={title}>
      <BackLink href={c.href('/surveys')} label={c.t('surveys.title')} />
      <h1 safe>{title}</h1>
      <p safe>{c.t('priorities.intro')}</p>
      {cycles.length ? <CycleCards c={c} cycles={cycles} now={now} heading="h2" /> : <p safe>{c.t('priorities.none')}</p>}
    </Layout>
  );
}

// ——— The result ———

/** A score as the cycle's method counts it: approvals, Borda points, or a Bradley–Terry strength as a share of 100 %. */
export function scoreText(locale: Locale, method: TallyResult['method'], score: number): string {
  if (method === 'pairwise') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(score);
  // Whole numbers when every voter counts the same; a weighting by group gives fractions.
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(score);
}
/** The chart's value: a strength in percent, so that its axis reads like the table. */
const chartValue = (method: TallyResult['method'], score: number) => (method === 'pairwise' ? Math.round(score * 1000) / 10 : Math.round(score * 100) / 100);

const themeTitle = (c: Words, themes: readonly ThemeRow[], id: string) => {
  const t = themes.find((x) => x.id === id);
  return t ? plain(c, t.title, t.originalLocale) : id;
};

/** The bar chart of the result, drawn before the page (Vega is asynchronous); null while there is no result. */
export async function tallyChart(c: Words, view: Pick<CycleView, 'tally' | 'candidates'>): Promise<string | null> {
  const tally = view.tally;
  if (!tally || !tally.standings.length) return null;
  const title = c.t('priorities.result.chartTitle');
  const data = tally.standings.map((s) => ({ label: themeTitle(c, view.candidates, s.candidate), value: chartValue(tally.method, s.score) }));
  return chartSvg(barSpec(c.locale, { title, labelHeader: c.t('priorities.result.theme'), valueHeader: c.t(`priorities.result.score.${tally.method}`), data, horizontal: true, amounts: tally.method === 'pairwise' }), title);
}

function Result({ c, view, chart }: { c: PageContext; view: CycleView; chart: string | null }) {
  const tally = view.tally!;
  const title = c.t('priorities.result.title');
  const head = [c.t('priorities.result.rank'), c.t('priorities.result.theme'), c.t(`priorities.result.score.${tally.method}`)];
  const rows = tally.standings.map((s) => {
    const theme = view.candidates.find((t) => t.id === s.candidate);
    return [esc(formatNumber(c.locale, s.rank)), theme ? <LocalizedText c={c} value={theme.title} original={theme.originalLocale} /> : esc(s.candidate), esc(scoreText(c.locale, tally.method, s.score))];
  });
  return (
    <section aria-labelledby="result">
      <h2 id="result" safe>
        {title}
      </h2>
      <p safe>{c.t(`priorities.result.counted.${tally.method}`, { n: tally.counted })}</p>
      {tally.invalid ? <p class="hint" safe>{c.t('priorities.result.invalid', { n: tally.invalid })}</p> : ''}
      <p class="hint" safe>
        {c.t(`priorities.result.explain.${tally.method}`)}
      </p>
      <figure class="chart">
        <figcaption class="chart-title" safe>
          {c.t('priorities.result.chartTitle')}
        </figcaption>
        {(chart ?? '') as 'safe'}
        <Table caption={c.t('priorities.result.chartTitle')} hideCaption head={head} numeric={[0, 2]} rows={rows} empty={c.t('priorities.noThemes')} />
      </figure>
    </section>
  );
}

// ——— The decision ———

/** Where adopted work goes, resolved by the route: the working groups and consultations a theme names. */
export interface WorkPlaces {
  groups: Map<string, { slug: string; name: I18nText; originalLocale: string }>;
  consultations: Map<string, { slug: string; title: string }>;
}

function WorkGoes({ c, theme, places }: { c: PageContext; theme: ThemeRow; places: WorkPlaces }) {
  const group = theme.groupId ? places.groups.get(theme.groupId) : undefined;
  const consultations = theme.consultationIds.flatMap((id) => places.consultations.get(id) ?? []);
  if (!group && !consultations.length) return '';
  return (
    <ul>
      {group ? (
        <li>
          <span safe>{`${c.t('priorities.decision.group')}: `}</span>
          <a href={c.href(`/working-groups/${group.slug}`)}>
            <LocalizedText c={c} value={group.name} original={group.originalLocale} />
          </a>
        </li>
      ) : (
        ''
      )}
      {consultations.map((k) => (
        <li>
          <span safe>{`${c.t('priorities.decision.consultation')}: `}</span>
          <a href={c.href(`/consultations/${k.slug}`)} dir="auto" safe>
            {k.title}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A theme as decided. Its reason is the Steering Committee's words, written in the cycle's language (the title, in its proposer's). */
function DecidedTheme({ c, cycle, theme, places }: { c: PageContext; cycle: CycleRow; theme: ThemeRow; places: WorkPlaces }) {
  return (
    <li>
      <ThemeTitle c={c} theme={theme} heading="h4" />
      <LocalizedParagraphs c={c} value={theme.reason} original={cycle.originalLocale} />
      <WorkGoes c={c} theme={theme} places={places} />
    </li>
  );
}

function Decision({ c, view, places }: { c: PageContext; view: CycleView; places: WorkPlaces }) {
  const { cycle } = view;
  const adopted = view.candidates.filter((t) => t.adopted === true);
  const not = view.candidates.filter((t) => t.adopted !== true);
  return (
    <section aria-labelledby="decision">
      <h2 id="decision" safe>
        {c.t('priorities.decision.title')}
      </h2>
      {cycle.decidedAt ? <p class="hint" safe>{c.t('priorities.decision.on', { date: utc(c, cycle.decidedAt) })}</p> : ''}
      <LocalizedParagraphs c={c} value={cycle.decision} original={cycle.originalLocale} />
      <h3 safe>{c.t('priorities.decision.adopted')}</h3>
      {adopted.length ? (
        <ul class="card-list">
          {adopted.map((t) => (
            <DecidedTheme c={c} cycle={cycle} theme={t} places={places} />
          ))}
        </ul>
      ) : (
        <p safe>{c.t('priorities.decision.noneAdopted')}</p>
      )}
      {not.length ? (
        <>
          <h3 safe>{c.t('priorities.decision.notAdopted')}</h3>
          <ul class="card-list">
            {not.map((t) => (
              <DecidedTheme c={c} cycle={cycle} theme={t} places={places} />
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {plain(c, cycle.nextSteps, cycle.originalLocale) ? (
        <>
          <h3 safe>{c.t('priorities.decision.nextSteps')}</h3>
          <LocalizedParagraphs c={c} value={cycle.nextSteps} original={cycle.originalLocale} />
        </>
      ) : (
        ''
      )}
    </section>
  );
}

// ——— The cycle's page ———

/** A theme's title as a heading, in its proposer's language when not translated (LocalizedText marks it; it has no h4 of its own). */
function ThemeTitle({ c, theme, heading }: { c: PageContext; theme: ThemeRow; heading: 'h3' | 'h4' }) {
  return heading === 'h3' ? (
    <LocalizedText c={c} value={theme.title} original={theme.originalLocale} as="h3" />
  ) : (
    <h4>
      <LocalizedText c={c} value={theme.title} original={theme.originalLocale} />
    </h4>
  );
}

function ThemeText({ c, theme, heading }: { c: PageContext; theme: ThemeRow; heading: 'h3' | 'h4' }) {
  return (
    <>
      <ThemeTitle c={c} theme={theme} heading={heading} />
      <LocalizedParagraphs c={c} value={theme.description} original={theme.originalLocale} />
    </>
  );
}

function Candidates({ c, view }: { c: PageContext; view: CycleView }) {
  const merged = (id: string) => view.others.filter((o) => o.state === 'merged' && o.mergedInto === id);
  const aside = view.others.filter((o) => o.state === 'set-aside');
  return (
    <>
      <h2 safe>{c.t('priorities.candidates', { n: view.candidates.length })}</h2>
      {view.candidates.length ? (
        <ul class="card-list">
          {view.candidates.map((t) => (
            <li>
              <ThemeText c={c} theme={t} heading="h3" />
              {merged(t.id).length ? (
                <details>
                  <summary safe>{c.t('priorities.merged', { n: merged(t.id).length })}</summary>
                  <ul>
                    {merged(t.id).map((m) => (
                      <li>
                        <ThemeText c={c} theme={m} heading="h4" />
                      </li>
                    ))}
                  </ul>
                </details>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p safe>{c.t('priorities.noThemes')}</p>
      )}
      {aside.length ? (
        <>
          <h2 safe>{c.t('priorities.setAside')}</h2>
          <ul class="card-list">
            {aside.map((t) => (
              <li>
                <ThemeText c={c} theme={t} heading="h3" />
                {plain(c, t.reason, view.cycle.originalLocale) ? (
                  <div>
                    <p class="label-like" safe>
                      {c.t('priorities.reason')}
                    </p>
                    <LocalizedParagraphs c={c} value={t.reason} original={view.cycle.originalLocale} />
                  </div>
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
    </>
  );
}

const signInHref = (c: PageContext, slug: string) => c.href(`/sign-in?next=${encodeURIComponent(c.href(base(slug)))}`);

function ProposeForm({ c, view, form }: { c: PageContext; view: CycleView; form: FormState }) {
  const slug = view.cycle.slug;
  if (!view.mayPropose) {
    return c.actor ? (
      <p class="notice" safe>
        {c.t('priorities.membersOnly')}
      </p>
    ) : (
      <p>
        <a class="button-link" href={signInHref(c, slug)} safe>
          {c.t('priorities.signInToPropose')}
        </a>
      </p>
    );
  }
  return (
    <section aria-labelledby="propose">
      <h2 id="propose" safe>
        {c.t('priorities.propose.title')}
      </h2>
      <p class="hint" safe>
        {c.t('priorities.propose.intro')}
      </p>
      <Form c={c} action={c.href(`${base(slug)}/propose`)}>
        <TextInput c={c} name="title" label={c.t('priorities.propose.themeTitle')} hint={c.t('priorities.propose.titleHint')} form={form} maxlength={120} width="full" />
        <Textarea c={c} name="description" label={c.t('priorities.propose.description')} hint={c.t('priorities.propose.descriptionHint')} form={form} maxlength={1000} rows={6} />
        <Button label={c.t('priorities.propose.send')} />
      </Form>
    </section>
  );
}

function VoteCall({ c, view }: { c: PageContext; view: CycleView }) {
  const slug = view.cycle.slug;
  if (view.mayVote) {
    const continuing = view.cycle.method === 'pairwise' && view.compared > 0;
    return (
      <p>
        <a class="button-link" href={c.href(`${base(slug)}/vote`)} safe>
          {c.t(continuing ? 'priorities.vote.continue' : 'priorities.vote.go')}
        </a>
      </p>
    );
  }
  if (view.voted) return <p class="notice" safe>{c.t('priorities.vote.voted')}</p>;
  return c.actor ? (
    <p class="notice" safe>
      {c.t('priorities.membersOnly')}
    </p>
  ) : (
    <p>
      <a class="button-link" href={signInHref(c, slug)} safe>
        {c.t('priorities.signInToVote')}
      </a>
    </p>
  );
}

export function CyclePage({ c, view, chart, places, form, notice }: { c: PageContext; view: CycleView; chart: string | null; places: WorkPlaces; form?: FormState; notice?: string }) {
  const { cycle, stage } = view;
  return (
    <Layout c={c} title={plain(c, cycle.title, cycle.originalLocale)} form={form} labels={{ title: c.t('priorities.propose.themeTitle'), description: c.t('priorities.propose.description') }}>
      <BackLink href={c.href('/priorities')} label={c.t('priorities.all')} />
      <LocalizedText c={c} value={cycle.title} original={cycle.originalLocale} as="h1" />
      {notice ? <Banner kind={notice === 'proposed' || notice === 'voted' ? 'success' : 'warning'} title={c.t(`priorities.notices.${notice}`)} /> : ''}
      <LocalizedParagraphs c={c} value={cycle.intro} original={cycle.originalLocale} />
      <SummaryList
        rows={[
          [c.t('priorities.stage'), <strong safe>{c.t(`priorities.stages.${stage}`)}</strong>],
          [c.t('priorities.proposals'), <span safe>{fromTo(c, cycle.proposalsOpenAt, cycle.proposalsCloseAt)}</span>],
          [c.t('priorities.voting'), <span safe>{fromTo(c, cycle.votingOpensAt, cycle.votingClosesAt)}</span>],
          [c.t('priorities.method'), <span safe>{c.t(`priorities.methods.${cycle.method}`, { n: cycle.approvalLimit })}</span>],
          ...(cycle.weighting === 'groups' ? [[c.t('priorities.weighting'), <span safe>{c.t('priorities.weightingGroups')}</span>] as [string, JSX.Element]] : []),
        ]}
      />
      {stage === 'proposals' ? <ProposeForm c={c} view={view} form={form ?? { values: {}, errors: [] }} /> : ''}
      {stage === 'voting' ? <VoteCall c={c} view={view} /> : ''}
      {stage === 'voting' || (stage === 'counting' && !view.tally) ? <p class="hint" safe>{c.t('priorities.result.later')}</p> : ''}
      {stage === 'decided' ? <Decision c={c} view={view} places={places} /> : ''}
      {view.tally ? <Result c={c} view={view} chart={chart} /> : ''}
      <Candidates c={c} view={view} />
    </Layout>
  );
}

// ——— The vote ———

/** What the vote page shows: the ballot's form, or, pairwise, the next pair and how far the voter is. */
export interface VoteScreen {
  view: CycleView;
  form: FormState;
  /** pairwise: the pair to compare now, or null when every pair is compared. */
  pair?: [ThemeRow, ThemeRow] | null;
  /** pairwise: pairs compared, and pairs in all. */
  progress?: { done: number; total: number };
  /** pairwise: the last comparison was saved. */
  saved?: boolean;
}

const errOf = (form: FormState, name: string) => form.errors.find((e) => e.field === name);
const valuesOf = (form: FormState, name: string): string[] => {
  const v = form.values[name];
  return v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
};

function AboutYou({ c, form }: { c: PageContext; form: FormState }) {
  return (
    <>
      <h2 safe>{c.t('surveys.about.title')}</h2>
      <p class="hint" safe>
        {c.t('priorities.vote.aboutWhy')}
      </p>
      <Radios c={c} name="stakeholder" label={c.t('surveys.about.stakeholder')} form={form} options={STAKEHOLDER_GROUPS.map((g) => ({ value: g, label: c.t(`consultations.groups.${g}`) }))} />
      <Select c={c} name="country" label={c.t('surveys.about.country')} hint={c.t('priorities.vote.countryHint')} form={form} placeholder={c.t('surveys.about.choose')} options={countryOptions(c.locale)} />
    </>
  );
}

function ApprovalFields({ c, view, form }: { c: PageContext; view: CycleView; form: FormState }) {
  const error = errOf(form, 'themes');
  const chosen = valuesOf(form, 'themes');
  const hint = `${fieldId('themes')}-hint`;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <fieldset aria-describedby={error ? `${hint} ${fieldId('themes')}-error` : hint}>
        <legend safe>{c.t('priorities.vote.approvalLegend')}</legend>
        <p class="hint" id={hint} safe>
          {c.t('priorities.vote.chooseUpTo', { n: view.cycle.approvalLimit })}
        </p>
        <ErrorText c={c} name="themes" error={error} />
        <div class="choices">
          {view.candidates.map((t, i) => {
            const id = i === 0 ? fieldId('themes') : `${fieldId('themes')}-${i + 1}`;
            return (
              <div class="choice">
                <input id={id} type="checkbox" name="themes" value={t.id} checked={chosen.includes(t.id)} />
                <label for={id} {...langOf(c, t.title, t.originalLocale)} safe>
                  {plain(c, t.title, t.originalLocale)}
                </label>
                {plain(c, t.description, t.originalLocale) ? (
                  <p class="hint" {...langOf(c, t.description, t.originalLocale)} safe>
                    {plain(c, t.description, t.originalLocale)}
                  </p>
                ) : (
                  ''
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export const rankField = (themeId: string) => `rank-${themeId}`;

function BordaFields({ c, view, form }: { c: PageContext; view: CycleView; form: FormState }) {
  const n = view.candidates.length;
  const places = Array.from({ length: n }, (_, i) => String(i + 1));
  return (
    <fieldset class="ranking">
      <legend safe>{c.t('priorities.vote.bordaLegend')}</legend>
      <p class="hint" safe>
        {c.t('priorities.vote.rankHint', { n })}
      </p>
      {view.candidates.map((t) => {
        const name = rankField(t.id);
        const error = errOf(form, name);
        const chosen = valuesOf(form, name)[0] ?? '';
        return (
          <div class={error ? 'field rank-item has-error' : 'field rank-item'}>
            <label for={fieldId(name)} {...langOf(c, t.title, t.originalLocale)} safe>
              {plain(c, t.title, t.originalLocale)}
            </label>
            <ErrorText c={c} name={name} error={error} />
            <select id={fieldId(name)} name={name} class="input" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${fieldId(name)}-error` : undefined}>
              <option value="" safe>
                {c.t('priorities.vote.choosePlace')}
              </option>
              {places.map((p) => (
                <option value={p} selected={chosen === p} safe>
                  {formatNumber(c.locale, Number(p))}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}

function PairFields({ c, pair, form, progress }: { c: PageContext; pair: [ThemeRow, ThemeRow]; form: FormState; progress: { done: number; total: number } }) {
  const error = errOf(form, 'winner');
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <h2 id={fieldId('winner')} tabindex="-1" safe>
        {c.t('priorities.vote.pairQuestion')}
      </h2>
      <p class="hint" safe>
        {c.t('priorities.vote.pairCount', { n: progress.done + 1, total: progress.total })}
      </p>
      <ErrorText c={c} name="winner" error={error} />
      <input type="hidden" name="a" value={pair[0].id} />
      <input type="hidden" name="b" value={pair[1].id} />
      <div class="columns">
        {pair.map((t) => (
          <div class="card">
            <ThemeText c={c} theme={t} heading="h3" />
            <p>
              <button type="submit" class="button primary" name="winner" value={t.id}>
                <span safe>{c.t('priorities.vote.thisOne')}</span>
                <span class="visually-hidden" safe>{`: ${plain(c, t.title, t.originalLocale)}`}</span>
              </button>
            </p>
          </div>
        ))}
      </div>
      <p>
        <Button label={c.t('priorities.vote.cantSay')} name="winner" value="none" variant="secondary" />
      </p>
    </div>
  );
}

export function VotePage({ c, screen }: { c: PageContext; screen: VoteScreen }) {
  const { view, form } = screen;
  const { cycle } = view;
  const title = c.t('priorities.vote.title');
  const back = (
    <p>
      <a href={c.href(base(cycle.slug))} safe>
        {c.t('priorities.vote.back')}
      </a>
    </p>
  );
  const labels: Record<string, string> = { stakeholder: c.t('surveys.about.stakeholder'), country: c.t('surveys.about.country'), themes: c.t('priorities.vote.approvalLegend'), winner: c.t('priorities.vote.pairQuestion') };
  for (const t of view.candidates) labels[rankField(t.id)] = plain(c, t.title, t.originalLocale);
  const pairwise = cycle.method === 'pairwise';
  const finished = pairwise ? screen.pair === null : view.voted;
  return (
    <Layout c={c} title={`${title} — ${plain(c, cycle.title, cycle.originalLocale)}`} form={form} labels={labels}>
      <p class="caption">
        <LocalizedText c={c} value={cycle.title} original={cycle.originalLocale} />
      </p>
      <h1 safe>{title}</h1>
      {finished ? (
        <>
          <Banner kind="success" title={c.t(pairwise ? 'priorities.vote.allCompared' : 'priorities.vote.voted')}>
            <p safe>{c.t('priorities.vote.thanks')}</p>
          </Banner>
          {back}
        </>
      ) : (
        <>
          {screen.saved ? <Banner kind="success" title={c.t('priorities.vote.saved')} /> : ''}
          <p safe>{c.t(`priorities.vote.intro.${cycle.method}`, { n: cycle.approvalLimit })}</p>
          <p class="hint" safe>
            {c.t('priorities.vote.anonymous')}
          </p>
          <Form c={c} action={c.href(`${base(cycle.slug)}/vote`)}>
            <AboutYou c={c} form={form} />
            {cycle.method === 'approval' ? <h2 safe>{c.t('priorities.vote.yourVote')}</h2> : ''}
            {cycle.method === 'approval' ? <ApprovalFields c={c} view={view} form={form} /> : ''}
            {cycle.method === 'borda' ? <h2 safe>{c.t('priorities.vote.yourVote')}</h2> : ''}
            {cycle.method === 'borda' ? <BordaFields c={c} view={view} form={form} /> : ''}
            {cycle.method === 'pairwise' && screen.pair && screen.progress ? <PairFields c={c} pair={screen.pair} form={form} progress={screen.progress} /> : ''}
            {cycle.method === 'pairwise' ? '' : <Button label={c.t('priorities.vote.send')} />}
          </Form>
          {back}
        </>
      )}
    </Layout>
  );
}
