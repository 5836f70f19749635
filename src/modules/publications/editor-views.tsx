import type { PageContext } from '../../platform/http/page.js';
import type { FormState } from '../../platform/forms/validate.js';
import { Layout } from '../../platform/ui/layout.js';
import { Button, Checkboxes, DateInput, Form, Radios, Select, Textarea, TextInput } from '../../platform/ui/form.js';
import { BackLink, Banner, LanguageVersions, LocalizedText, SummaryList, Table, esc, footnoteWords } from '../../platform/ui/components.js';
import { formatDate, formatDateTime, formatList, formatNumber, languageName } from '../../platform/i18n/format.js';
import { LOCALES, direction, type Locale } from '../../platform/i18n/locales.js';
import { markdownToHtml } from '../../platform/documents/markdown.js';
import { TRANSITIONS } from './workflow.js';
import { DoiSection } from './doi-views.js';
import { tagsSummary } from './provenance-views.js';
import { ACTIONS, AUDIENCES, STATES, TRANSLATION_METHODS, type Action, type CallRow, type Desk, type DoiPanel, type EditorialItem, type ItemView, type MetaBlock, type SeriesView, type ShownTitle, type State, type TextsMode } from './service.js';

/** A form of the item's page shown again with its errors: which one (its ids' scope), and its state. */
export interface ItemForm {
  scope: string;
  state: FormState;
}

const BASE = '/admin/publications';
const itemPath = (number: string) => `${BASE}/${number.toLowerCase()}`;
/** ICU's select keys and our message keys are words: desk-check → desk_check. */
const word = (s: string) => s.replaceAll('-', '_');
const stateName = (c: PageContext, s: State) => c.t(`publications.states.${s}`);
const actionName = (c: PageContext, a: Action) => c.t(`publications.actions.${word(a)}`);
const e = (c: PageContext, key: string, values?: Record<string, string | number>) => c.t(`publications.editor.${key}`, values);
const dirOf = (l: Locale) => direction(l);

/** The labels of every field of these pages, for the error summary. */
const FIELDS = ['title', 'abstract', 'summary', 'keywords', 'recommendations', 'authors', 'body', 'audiences', 'note', 'email', 'name', 'days', 'series', 'slug', 'theme', 'opensOn', 'closesOn', 'method', 'locale'] as const;
const labelsOf = (c: PageContext) => Object.fromEntries(FIELDS.map((f) => [f, e(c, `fields.${f}`)]));

function StateTag({ c, state }: { c: PageContext; state: State }) {
  return (
    <span class={state === 'declined' || state === 'withdrawn' ? 'tag tag-warning' : state === 'published' ? 'tag done' : 'tag'} safe>
      {stateName(c, state)}
    </span>
  );
}

/** A title in the editor's language, or in the language it has (with its `lang`, its direction, and the language named). */
function Title({ c, title }: { c: PageContext; title: ShownTitle }) {
  const text = title.text.trim() || e(c, 'untitled');
  if (!title.fallback) return <bdi safe>{text}</bdi>;
  return (
    <>
      <bdi lang={title.lang} dir={dirOf(title.lang) !== c.dir ? dirOf(title.lang) : undefined} safe>
        {text}
      </bdi>{' '}
      <span class="untranslated" safe>
        {e(c, 'inLanguage', { language: languageName(c.locale, title.lang) })}
      </span>
    </>
  );
}


// ——— The queue ———————————————————————————————————————————————————————————————————————————

export function QueuePage({ c, desk, state, reviewsIn }: { c: PageContext; desk: Desk; state?: State; reviewsIn: boolean }) {
  const title = e(c, 'queue.title');
  const total = Object.values(desk.counts).reduce((a, b) => a + (b ?? 0), 0);
  const filters: { href: string; label: string; current: boolean }[] = [
    { href: c.href(BASE), label: e(c, 'queue.all', { count: total }), current: !state && !reviewsIn },
    ...STATES.filter((s) => s !== 'draft').map((s) => ({ href: c.href(`${BASE}?state=${s}`), label: e(c, 'queue.stateCount', { state: stateName(c, s), count: desk.counts[s] ?? 0 }), current: state === s && !reviewsIn })),
    { href: c.href(`${BASE}?state=in_review&reviews=in`), label: e(c, 'queue.reviewsIn', { count: desk.reviewsIn }), current: reviewsIn },
  ];
  const shown = reviewsIn ? e(c, 'queue.showingReviewsIn') : state ? e(c, 'queue.showingState', { state: stateName(c, state) }) : e(c, 'queue.showingAll');
  return (
    <Layout c={c} title={title} admin>
      <h1 safe>{title}</h1>
      <p>
        <a href={c.href(`${BASE}/calls`)} safe>
          {e(c, 'calls.title')}
        </a>
      </p>
      <nav class="link-choices" aria-label={e(c, 'queue.filters')}>
        <ul>
          {filters.map((f) => (
            <li>
              <a href={f.href} aria-current={f.current ? 'true' : undefined} safe>
                {f.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Table
        caption={`${shown} — ${e(c, 'queue.caption', { count: desk.rows.length })}`}
        head={[e(c, 'queue.number'), e(c, 'fields.title'), e(c, 'fields.series'), e(c, 'fields.state'), e(c, 'fields.round'), e(c, 'queue.reviews'), e(c, 'queue.updated')]}
        numeric={[4, 5]}
        empty={e(c, 'queue.none')}
        rows={desk.rows.map((r) => [
          <a href={c.href(itemPath(r.number))}>
            <bdi safe>{r.number}</bdi>
          </a>,
          <Title c={c} title={r.title} />,
          <LocalizedText c={c} value={r.seriesTitle} original={r.seriesOriginal} />,
          <StateTag c={c} state={r.state} />,
          esc(r.round ? formatNumber(c.locale, r.round) : '—'),
          esc(e(c, 'queue.reviewCounts', { open: formatNumber(c.locale, r.openReviews), completed: formatNumber(c.locale, r.completedReviews) })),
          esc(formatDateTime(c.locale, r.updatedAt, c.timeZone)),
        ])}
      />
    </Layout>
  );
}

// ——— One item ————————————————————————————————————————————————————————————————————————————

/** One language's describing texts, in that language. */
function TextsBlock({ c, block, lang }: { c: PageContext; block: MetaBlock; lang: Locale }) {
  const rows: [string, JSX.Element][] = [
    [e(c, 'fields.title'), <span lang={lang} dir={dirOf(lang)} safe>{block.title}</span>],
    [e(c, 'fields.abstract'), <div class="pre-line" lang={lang} dir={dirOf(lang)} safe>{block.abstract}</div>],
  ];
  if (block.summary.trim()) rows.push([e(c, 'fields.summary'), <div class="pre-line" lang={lang} dir={dirOf(lang)} safe>{block.summary}</div>]);
  if (block.keywords.length) rows.push([e(c, 'fields.keywords'), <span lang={lang} dir={dirOf(lang)} safe>{block.keywords.join(lang === 'ar' ? '، ' : lang === 'zh' ? '、' : ', ')}</span>]);
  if (block.recommendations.trim()) rows.push([e(c, 'fields.recommendations'), <div class="pre-line" lang={lang} dir={dirOf(lang)} safe>{block.recommendations}</div>]);
  return <SummaryList rows={rows} />;
}

function LanguageLink({ c, item, language, mode }: { c: PageContext; item: ItemView; language: Locale; mode: TextsMode }) {
  const name = languageName(c.locale, language);
  const has = !!item.meta[language]?.title.trim();
  if (mode === 'closed') return '';
  if (mode === 'new-version') {
    return (
      <a href={c.href(`${itemPath(item.number)}/versions/new?language=${language}`)} safe>
        {e(c, 'item.newVersionIn', { language: name })}
      </a>
    );
  }
  const key = mode === 'working-copy' ? 'publications.editor.item.editWorkingCopy' : has ? 'content.editVersion' : 'content.addVersion';
  return (
    <a href={c.href(`${itemPath(item.number)}/texts?language=${language}`)} safe>
      {c.t(key, { language: name })}
    </a>
  );
}

function StepForms({ c, data, form }: { c: PageContext; data: EditorialItem; form?: ItemForm }) {
  const { item, steps } = data;
  if (!steps.length) return <p safe>{e(c, 'item.noSteps')}</p>;
  return (
    <>
      {steps.map((a) => {
        const scope = `step-${a}`;
        const required = !!TRANSITIONS[a].note;
        const state = form?.scope === scope ? form.state : undefined;
        return (
          <section aria-labelledby={`${scope}-heading`} class="boxed">
            <h3 id={`${scope}-heading`} safe>
              {actionName(c, a)}
            </h3>
            {a === 'publish' ? <p class="hint" safe>{e(c, 'item.publishHint', { n: item.currentVersion + 1 })}</p> : ''}
            <Form c={c} action={c.href(`${itemPath(item.number)}/steps/${a}`)} label={actionName(c, a)}>
              <Textarea c={c} name="note" scope={scope} label={e(c, 'fields.note')} hint={e(c, required ? 'item.noteRequired' : 'item.noteOptional')} rows={3} maxlength={4000} form={state} required={required} />
              <Button label={actionName(c, a)} variant={a === 'decline' ? 'warning' : a === 'request-revision' ? 'secondary' : 'primary'} />
            </Form>
          </section>
        );
      })}
    </>
  );
}

function Reviews({ c, data, form }: { c: PageContext; data: EditorialItem; form?: ItemForm }) {
  const { item, assignments } = data;
  const rounds = [...new Set(assignments.map((a) => a.round))].sort((a, b) => b - a);
  const invite = form?.scope === 'invite' ? form.state : { values: { days: '21' }, errors: [] };
  return (
    <section aria-labelledby="reviews-heading">
      <h2 id="reviews-heading" safe>
        {e(c, 'item.reviews')}
      </h2>
      {item.state === 'in_review' ? (
        <section aria-labelledby="invite-heading" class="boxed">
          <h3 id="invite-heading" safe>
            {e(c, 'item.invite', { round: item.round })}
          </h3>
          <p class="hint" safe>
            {e(c, 'item.inviteHint')}
          </p>
          <Form c={c} action={c.href(`${itemPath(item.number)}/reviewers`)} label={e(c, 'item.invite', { round: item.round })}>
            <TextInput c={c} name="email" scope="invite" type="email" autocomplete="off" spellcheck={false} label={e(c, 'fields.email')} form={invite} />
            <TextInput c={c} name="name" scope="invite" label={e(c, 'fields.name')} form={invite} />
            <TextInput c={c} name="days" scope="invite" type="number" inputmode="numeric" width="short" label={e(c, 'fields.days')} hint={e(c, 'fields.daysHint')} form={invite} />
            <Button label={e(c, 'item.inviteButton')} />
          </Form>
        </section>
      ) : (
        ''
      )}
      {rounds.length ? (
        rounds.map((round) => (
          <section aria-labelledby={`round-${round}`}>
            <h3 id={`round-${round}`} safe>
              {e(c, 'item.round', { round })}
            </h3>
            <ul class="notes">
              {assignments
                .filter((a) => a.round === round)
                .map((a) => {
                  const rows: [string, JSX.Element][] = [
                    [e(c, 'review.state'), esc(e(c, `assignment.${a.state}`))],
                    [e(c, 'review.due'), esc(formatDate(c.locale, a.dueAt, c.timeZone))],
                  ];
                  if (a.recommendation) rows.push([e(c, 'review.recommendation'), <strong safe>{e(c, `recommendation.${word(a.recommendation)}`)}</strong>]);
                  if (a.toAuthor) rows.push([e(c, 'review.toAuthor'), <div class="pre-line" safe>{a.toAuthor}</div>]);
                  if (a.toEditor) rows.push([e(c, 'review.toEditor'), <div class="pre-line" safe>{a.toEditor}</div>]);
                  if (a.conflict) rows.push([e(c, 'review.conflict'), <div class="pre-line" safe>{a.conflict}</div>]);
                  return (
                    <li>
                      <h4>
                        <bdi safe>{a.reviewerName || a.reviewerEmail}</bdi> <span class="hint">&lt;<bdi safe>{a.reviewerEmail}</bdi>&gt;</span>
                      </h4>
                      <SummaryList rows={rows} />
                    </li>
                  );
                })}
            </ul>
          </section>
        ))
      ) : (
        <p safe>{e(c, 'item.noReviews')}</p>
      )}
    </section>
  );
}

export function ItemPage({ c, data, doi, form, notice }: { c: PageContext; data: EditorialItem; doi?: DoiPanel | null; form?: ItemForm; notice?: string }) {
  const { item, series } = data;
  const title = data.title;
  const pageTitle = `${item.number}: ${title.text || e(c, 'untitled')}`;
  const own = item.meta[item.locale];
  const written = LOCALES.filter((l) => l !== item.locale && item.meta[l]?.title.trim());
  let banner: JSX.Element = '';
  if (notice) {
    const [kind, step] = notice.split('-') as [string, string | undefined];
    const action = ACTIONS.find((a) => word(a) === step);
    banner =
      kind === 'refused' && action ? (
        <Banner kind="warning" title={e(c, 'notices.refused', { action: actionName(c, action), state: stateName(c, item.state) })} />
      ) : kind === 'done' && action ? (
        <Banner kind="success" title={e(c, 'notices.done', { action: actionName(c, action), state: stateName(c, item.state) })} />
      ) : (
        <Banner kind="success" title={e(c, `notices.${notice}`)} />
      );
  }
  const details: [string, JSX.Element][] = [
    [e(c, 'fields.number'), <bdi safe>{item.number}</bdi>],
    [e(c, 'fields.state'), <StateTag c={c} state={item.state} />],
    [e(c, 'fields.series'), <LocalizedText c={c} value={series.title} original={series.originalLocale} />],
  ];
  if (data.call) details.push([e(c, 'fields.call'), <LocalizedText c={c} value={data.call.title} original={data.call.originalLocale} />]);
  details.push([e(c, 'fields.locale'), esc(languageName(c.locale, item.locale))]);
  if (data.original) {
    details.push([
      e(c, 'fields.original'),
      <a href={c.href(itemPath(data.original.number))}>
        <bdi safe>{data.original.number}</bdi> <span safe>({languageName(c.locale, data.original.locale)})</span>
      </a>,
    ]);
  }
  if (item.translationMethod) details.push([e(c, 'fields.method'), esc(e(c, `methods.${word(item.translationMethod)}`))]);
  details.push([e(c, 'fields.round'), esc(item.round ? formatNumber(c.locale, item.round) : '—')]);
  if (item.currentVersion) details.push([e(c, 'fields.version'), esc(formatNumber(c.locale, item.currentVersion))]);
  details.push([
    e(c, 'fields.authors'),
    item.authors.length ? (
      <ul>
        {item.authors.map((a) => (
          <li>
            <bdi safe>{a.name}</bdi>
            {a.affiliation ? (
              <>
                {' '}
                <span class="hint">
                  (<bdi safe>{a.affiliation}</bdi>)
                </span>
              </>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
    ) : (
      esc('—')
    ),
  ]);
  details.push([e(c, 'fields.audiences'), esc(item.audiences.length ? formatList(c.locale, item.audiences.map((a) => e(c, `audiences.${a}`))) : '—')]);
  details.push(...tagsSummary(c, item));
  return (
    <Layout
      c={c}
      title={pageTitle}
      admin
      form={form?.state}
      formScope={form?.scope}
      labels={labelsOf(c)}
      before={<BackLink href={c.href(BASE)} label={e(c, 'queue.title')} />}
    >
      {banner}
      <h1>
        <Title c={c} title={title} />
      </h1>
      <SummaryList rows={details} />

      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading" safe>
          {e(c, 'item.steps')}
        </h2>
        <StepForms c={c} data={data} form={form} />
      </section>

      <section aria-labelledby="texts-heading">
        <h2 id="texts-heading" safe>
          {e(c, 'item.texts')}
        </h2>
        <p class="hint" safe>
          {e(c, 'item.textsIntro')}
        </p>
        <Table
          caption={e(c, 'item.languages')}
          head={[e(c, 'item.language'), e(c, 'fields.title'), e(c, 'item.change')]}
          hiddenHead={[2]}
          rows={[item.locale, ...LOCALES.filter((l) => l !== item.locale)].map((l) => [
            esc(`${languageName(c.locale, l)}${l === item.locale ? ` — ${e(c, 'item.ownLanguage')}` : ''}`),
            item.meta[l]?.title.trim() ? (
              <span lang={l} dir={dirOf(l)} safe>
                {item.meta[l]!.title}
              </span>
            ) : (
              <span class="tag tag-missing" safe>
                {e(c, 'item.notWritten')}
              </span>
            ),
            <LanguageLink c={c} item={item} language={l} mode={data.modes[l]} />,
          ])}
        />
        {own ? (
          <section aria-labelledby="own-texts">
            <h3 id="own-texts" safe>
              {languageName(c.locale, item.locale)}
            </h3>
            <TextsBlock c={c} block={own} lang={item.locale} />
          </section>
        ) : (
          ''
        )}
        {written.map((l) => (
          <details>
            <summary safe>{languageName(c.locale, l)}</summary>
            <TextsBlock c={c} block={item.meta[l]!} lang={l} />
          </details>
        ))}
      </section>

      <section aria-labelledby="full-text-heading">
        <h2 id="full-text-heading" safe>
          {e(c, 'item.fullText')}
        </h2>
        {item.pdfKey ? (
          <p>
            <a href={c.href(`${itemPath(item.number)}/pdf`)} safe>
              {e(c, 'item.pdf', { size: formatNumber(c.locale, Math.max(1, Math.round((item.pdfBytes ?? 0) / 1024))) })}
            </a>
          </p>
        ) : (
          ''
        )}
        {item.body.trim() ? (
          <div class="prose boxed" lang={item.locale} dir={dirOf(item.locale)}>
            {markdownToHtml(item.body, footnoteWords(c)) as 'safe'}
          </div>
        ) : item.pdfKey ? (
          ''
        ) : (
          <p safe>{e(c, 'item.noBody')}</p>
        )}
      </section>

      <Reviews c={c} data={data} form={form} />

      {item.state === 'published' || data.translations.length || data.original ? (
        <section aria-labelledby="published-heading">
          <h2 id="published-heading" safe>
            {e(c, 'item.versionsAndTranslations')}
          </h2>
          {item.state === 'published' ? (
            <ul>
              <li>
                <a href={c.href(`${itemPath(item.number)}/versions/new`)} safe>
                  {e(c, 'item.newVersion', { n: item.currentVersion + 1 })}
                </a>
              </li>
              {item.translationOf ? (
                ''
              ) : (
                <li>
                  <a href={c.href(`${itemPath(item.number)}/translations/new`)} safe>
                    {e(c, 'item.addTranslation')}
                  </a>
                </li>
              )}
            </ul>
          ) : (
            ''
          )}
          {item.translationOf ? (
            ''
          ) : (
            <Table
              caption={e(c, 'item.translations')}
              head={[e(c, 'fields.number'), e(c, 'fields.locale'), e(c, 'fields.method'), e(c, 'fields.state')]}
              empty={e(c, 'item.noTranslations')}
              rows={data.translations.map((t) => [
                <a href={c.href(itemPath(t.number))}>
                  <bdi safe>{t.number}</bdi>
                </a>,
                esc(languageName(c.locale, t.locale)),
                esc(t.method ? e(c, `methods.${word(t.method)}`) : '—'),
                <StateTag c={c} state={t.state} />,
              ])}
            />
          )}
        </section>
      ) : (
        ''
      )}

      {doi ? <DoiSection c={c} panel={doi} itemPath={itemPath(item.number)} /> : ''}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading" safe>
          {e(c, 'item.history')}
        </h2>
        <Table
          caption={e(c, 'item.history')}
          hideCaption
          head={[e(c, 'history.when'), e(c, 'history.who'), e(c, 'history.step'), e(c, 'history.note')]}
          rows={data.history.map((h) => [
            esc(formatDateTime(c.locale, h.at, c.timeZone)),
            h.actorName ? <bdi safe>{h.actorName}</bdi> : esc('—'),
            esc(`${stateName(c, h.fromState)} → ${stateName(c, h.toState)}`),
            <span class="pre-line" safe>
              {h.note}
            </span>,
          ])}
        />
      </section>
    </Layout>
  );
}

// ——— Texts, versions, translations ——————————————————————————————————————————————————————————

/** The describing texts' fields, written in `lang` (its direction on each field, whatever the page's). */
function TextsFields({ c, form, lang }: { c: PageContext; form: FormState; lang: Locale }) {
  const d = dirOf(lang);
  return (
    <>
      <TextInput c={c} name="title" label={e(c, 'fields.title')} width="full" maxlength={300} lang={lang} dir={d} form={form} />
      <Textarea c={c} name="abstract" label={e(c, 'fields.abstract')} rows={6} maxlength={3000} lang={lang} dir={d} form={form} />
      <Textarea c={c} name="summary" label={e(c, 'fields.summary')} hint={e(c, 'fields.summaryHint')} rows={4} maxlength={2000} lang={lang} dir={d} form={form} />
      <TextInput c={c} name="keywords" label={e(c, 'fields.keywords')} hint={e(c, 'fields.keywordsHint')} width="full" maxlength={500} lang={lang} dir={d} form={form} />
      <Textarea c={c} name="recommendations" label={e(c, 'fields.recommendations')} hint={e(c, 'fields.recommendationsHint')} rows={4} maxlength={4000} lang={lang} dir={d} form={form} />
    </>
  );
}

/** The working copy's other parts: authors, full text (in the item's language), audiences. */
function WorkingCopyFields({ c, form, item }: { c: PageContext; form: FormState; item: ItemView }) {
  return (
    <>
      <Textarea c={c} name="authors" label={e(c, 'fields.authors')} hint={e(c, 'fields.authorsHint')} rows={3} maxlength={2000} form={form} />
      <Textarea c={c} name="body" label={e(c, 'fields.body')} hint={e(c, 'fields.bodyHint')} rows={20} maxlength={200_000} code lang={item.locale} dir={dirOf(item.locale)} form={form} />
      <Checkboxes c={c} name="audiences" label={e(c, 'fields.audiences')} options={AUDIENCES.map((a) => ({ value: a, label: e(c, `audiences.${a}`) }))} form={form} />
    </>
  );
}

const back = (c: PageContext, item: ItemView) => <BackLink href={c.href(itemPath(item.number))} label={item.number} />;

export function TextsPage({ c, item, language, mode, form }: { c: PageContext; item: ItemView; language: Locale; mode: TextsMode; form: FormState }) {
  const name = languageName(c.locale, language);
  const title = e(c, 'texts.title', { language: name, number: item.number });
  const own = item.meta[item.locale];
  const shown = form.errors.length ? form : undefined;
  return (
    <Layout c={c} title={title} admin form={shown} labels={labelsOf(c)} before={back(c, item)}>
      <h1>{c.th('publications.editor.texts.title', { language: name, number: item.number })}</h1>
      <div class="editing-language">
        <p class="hint" safe>
          {e(c, `texts.intro.${word(mode)}`, { language: name, original: languageName(c.locale, item.locale) })}
        </p>
        <LanguageVersions c={c} original={item.locale} editing={language} versions={{ href: (l) => c.href(`${itemPath(item.number)}/texts?language=${l}`), has: (l) => !!item.meta[l]?.title.trim() }} />
      </div>
      {mode === 'new-version' ? (
        <p>
          <a href={c.href(`${itemPath(item.number)}/versions/new?language=${language}`)} safe>
            {e(c, 'item.newVersionIn', { language: name })}
          </a>
        </p>
      ) : mode === 'closed' ? (
        ''
      ) : (
        <Form c={c} action={c.href(`${itemPath(item.number)}/texts`)} label={title}>
          <input type="hidden" name="language" value={language} />
          <TextsFields c={c} form={form} lang={language} />
          {mode === 'working-copy' ? <WorkingCopyFields c={c} form={form} item={item} /> : ''}
          <Button label={e(c, 'texts.save')} />
        </Form>
      )}
      {mode === 'texts' && own ? (
        <section aria-labelledby="original-texts">
          <h2 id="original-texts" safe>
            {e(c, 'texts.original', { language: languageName(c.locale, item.locale) })}
          </h2>
          <TextsBlock c={c} block={own} lang={item.locale} />
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function VersionPage({ c, item, language, form }: { c: PageContext; item: ItemView; language: Locale; form: FormState }) {
  const next = item.currentVersion + 1;
  const title = e(c, 'version.title', { number: item.number, n: next });
  const name = languageName(c.locale, language);
  const shown = form.errors.length ? form : undefined;
  return (
    <Layout c={c} title={title} admin form={shown} labels={{ ...labelsOf(c), note: e(c, 'fields.changeNote') }} before={back(c, item)}>
      <h1>{c.th('publications.editor.version.title', { number: item.number, n: next })}</h1>
      <p safe>{e(c, 'version.intro', { n: item.currentVersion, next })}</p>
      <div class="editing-language">
        <p class="hint" safe>
          {e(c, 'version.language', { language: name })}
        </p>
        <LanguageVersions c={c} original={item.locale} editing={language} versions={{ href: (l) => c.href(`${itemPath(item.number)}/versions/new?language=${l}`), has: (l) => !!item.meta[l]?.title.trim() }} />
      </div>
      <Form c={c} action={c.href(`${itemPath(item.number)}/versions`)} label={title}>
        <input type="hidden" name="language" value={language} />
        <TextsFields c={c} form={form} lang={language} />
        <WorkingCopyFields c={c} form={form} item={item} />
        <Textarea c={c} name="note" label={e(c, 'fields.changeNote')} hint={e(c, 'fields.changeNoteHint')} rows={3} maxlength={2000} form={form} required />
        <Button label={e(c, 'version.publish', { n: next })} />
      </Form>
    </Layout>
  );
}

export function TranslationPage({ c, data, language, form }: { c: PageContext; data: EditorialItem; language?: Locale; form: FormState }) {
  const { item } = data;
  const title = e(c, 'translation.title', { number: item.number });
  const taken = new Set([item.locale, ...data.translations.map((t) => t.locale)]);
  const free = LOCALES.filter((l) => !taken.has(l));
  const shown = form.errors.length ? form : undefined;
  const localeError = form.errors.find((x) => x.field === 'locale');
  return (
    <Layout c={c} title={title} admin form={shown} labels={labelsOf(c)} before={back(c, item)}>
      <h1>{c.th('publications.editor.translation.title', { number: item.number })}</h1>
      <p safe>{e(c, 'translation.intro', { number: item.number })}</p>
      <div id="f-locale" class={localeError ? 'field has-error' : 'field'} tabindex="-1">
        {localeError ? (
          <p class="field-error">
            <span class="visually-hidden" safe>
              {c.t('form.errorPrefix')}
            </span>{' '}
            <span safe>{c.t(localeError.key, localeError.values)}</span>
          </p>
        ) : (
          ''
        )}
        {language ? <p safe>{e(c, 'translation.into', { language: languageName(c.locale, language) })}</p> : ''}
        {free.length ? (
          <nav aria-label={e(c, 'translation.choose')}>
            <p class="hint" safe>
              {e(c, 'translation.choose')}
            </p>
            <ul class="language-versions">
              {free
                .filter((l) => l !== language)
                .map((l) => (
                  <li>
                    <a href={c.href(`${itemPath(item.number)}/translations/new?language=${l}`)} safe>
                      {languageName(c.locale, l)}
                    </a>
                  </li>
                ))}
            </ul>
          </nav>
        ) : (
          <p safe>{e(c, 'translation.none')}</p>
        )}
      </div>
      {language ? (
        <Form c={c} action={c.href(`${itemPath(item.number)}/translations`)} label={title}>
          <input type="hidden" name="locale" value={language} />
          <Radios c={c} name="method" label={e(c, 'fields.method')} options={TRANSLATION_METHODS.map((m) => ({ value: m, label: e(c, `methods.${word(m)}`) }))} form={form} />
          <TextsFields c={c} form={form} lang={language} />
          <Textarea c={c} name="body" label={e(c, 'fields.body')} hint={e(c, 'fields.bodyHint')} rows={20} maxlength={200_000} code lang={language} dir={dirOf(language)} form={form} />
          <Button label={e(c, 'translation.create')} />
        </Form>
      ) : (
        ''
      )}
    </Layout>
  );
}

// ——— Calls for briefs —————————————————————————————————————————————————————————————————————

export function CallsPage({ c, calls, now, notice }: { c: PageContext; calls: CallRow[]; now: Date; notice?: string }) {
  const title = e(c, 'calls.title');
  const status = (r: CallRow) => (now < r.opensAt ? 'upcoming' : now < r.closesAt ? 'open' : 'closed');
  return (
    <Layout c={c} title={title} admin before={<BackLink href={c.href(BASE)} label={e(c, 'queue.title')} />}>
      {notice ? <Banner kind="success" title={e(c, `notices.${notice}`)} /> : ''}
      <h1 safe>{title}</h1>
      <p>
        <a class="button secondary" href={c.href(`${BASE}/calls/new`)} safe>
          {e(c, 'calls.new')}
        </a>
      </p>
      <Table
        caption={e(c, 'calls.caption', { count: calls.length })}
        head={[e(c, 'fields.title'), e(c, 'fields.series'), e(c, 'fields.opensOn'), e(c, 'fields.closesOn'), e(c, 'calls.status'), e(c, 'calls.submitted')]}
        numeric={[5]}
        empty={e(c, 'calls.none')}
        rows={calls.map((r) => [
          <>
            <LocalizedText c={c} value={r.title} original={r.originalLocale} /> <span class="hint">(<bdi safe>{r.slug}</bdi>)</span>
          </>,
          <LocalizedText c={c} value={r.seriesTitle} original={r.seriesOriginal} />,
          esc(formatDate(c.locale, r.opensAt, 'UTC')),
          esc(formatDate(c.locale, r.closesAt, 'UTC')),
          <span class={status(r) === 'open' ? 'tag done' : 'tag'} safe>
            {e(c, `calls.statuses.${status(r)}`)}
          </span>,
          esc(formatNumber(c.locale, r.submitted)),
        ])}
      />
    </Layout>
  );
}

export function NewCallPage({ c, series, form }: { c: PageContext; series: SeriesView[]; form: FormState }) {
  const title = e(c, 'calls.new');
  const shown = form.errors.length ? form : undefined;
  return (
    <Layout c={c} title={title} admin form={shown} labels={labelsOf(c)} before={<BackLink href={c.href(`${BASE}/calls`)} label={e(c, 'calls.title')} />}>
      <h1 safe>{title}</h1>
      {series.length ? (
        <>
          <p class="hint" safe>
            {e(c, 'calls.languageHint', { language: languageName(c.locale, c.locale) })}
          </p>
          <Form c={c} action={c.href(`${BASE}/calls/new`)} label={title}>
            <Select c={c} name="series" label={e(c, 'fields.series')} placeholder={series.length > 1 ? '' : undefined} options={series.map((s) => ({ value: s.id, label: c.text(s.title, s.originalLocale).text || s.slug }))} form={form} />
            <TextInput c={c} name="title" label={e(c, 'fields.title')} width="full" maxlength={200} form={form} />
            <Textarea c={c} name="theme" label={e(c, 'fields.theme')} hint={e(c, 'fields.themeHint')} rows={6} maxlength={4000} form={form} />
            <DateInput c={c} name="opensOn" label={e(c, 'fields.opensOn')} form={form} />
            <DateInput c={c} name="closesOn" label={e(c, 'fields.closesOn')} hint={e(c, 'fields.closesOnHint')} form={form} />
            <TextInput c={c} name="slug" label={e(c, 'fields.slug')} hint={e(c, 'fields.slugHint')} spellcheck={false} form={form} />
            <Button label={e(c, 'calls.create')} />
          </Form>
        </>
      ) : (
        <p safe>{e(c, 'calls.noSeries')}</p>
      )}
    </Layout>
  );
}

