import type { PageContext } from '../../platform/http/page.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Banner, Pagination, Table, esc } from '../../platform/ui/components.js';
import { Button, Form } from '../../platform/ui/form.js';
import { formatDate, formatNumber, languageName } from '../../platform/i18n/format.js';
import { direction, type Locale } from '../../platform/i18n/locales.js';
import { countryName, incomeGroupName, regionName, type IncomeGroup, type UnescoRegion } from '../../platform/geo/countries.js';
import { DISPOSITIONS } from './schema.js';
import { SMALLEST_GROUP, type ConsultationPage as Page } from './service.js';
import { figureLabel, type FigureDimension } from './views.js';
import { acceptance, changedHref, sectionNames, versionHref, type Outcome, type OutcomeFigure, type OutcomeItem } from './outcome.js';
import type { OutcomePdfInput, OutcomePdfItem } from './outcome-pdf.js';
import type { PdfParts } from '../../platform/pdf/pool.js';

/** Comments on one page of the comment-and-response report. */
export const OUTCOME_PAGE_SIZE = 100;

const base = (page: Page) => `/consultations/${page.consultation.slug}`;

const FIGURE_KEYS: Record<FigureDimension, 'byGroup' | 'byRegion' | 'byIncome'> = { group: 'byGroup', region: 'byRegion', income: 'byIncome' };

/** Who wrote a comment, as the report names them: their name where they chose so, else their group; and where from. */
export function whoOf(t: Translate, locale: Locale, who: Pick<OutcomeItem['who'], 'name' | 'organization' | 'stakeholderGroup' | 'country'>): { name: string; detail: string } {
  const group = t(`consultations.groups.${who.stakeholderGroup}`);
  const country = countryName(who.country, locale);
  return who.name ? { name: who.organization ? `${who.name} (${who.organization})` : who.name, detail: `${group} · ${country}` } : { name: group, detail: country };
}

const percent = (locale: Locale, share: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);


/**
 * The comment-and-response report as a table, one row per comment, for the CSV and XLSX files:
 * where, what, who, and the answer with the paragraphs that changed (as links).
 */
export function outcomeTable(t: Translate, locale: Locale, page: Page, outcome: Outcome, baseUrl: string): { head: string[]; rows: Iterable<(string | number)[]> } {
  const names = sectionNames(t, outcome);
  const head = [
    t('consultations.outcome.columns.number'),
    t('consultations.figures.section'),
    t('consultations.outcome.columns.paragraph'),
    t('consultations.outcome.columns.quote'),
    t('consultations.outcome.columns.comment'),
    t('consultations.outcome.columns.language'),
    t('consultations.outcome.columns.name'),
    t('consultations.outcome.columns.organization'),
    t('consultations.figures.byGroupLabel'),
    t('consultations.outcome.columns.country'),
    t('consultations.figures.byRegionLabel'),
    t('consultations.figures.byIncomeLabel'),
    t('consultations.outcome.columns.disposition'),
    t('consultations.outcome.columns.response'),
    t('consultations.outcome.columns.changed'),
    t('consultations.outcome.columns.answer'),
    t('consultations.outcome.columns.date'),
  ];
  const answerNumbers = new Map<string, number>();
  // Made as the file is written, a row at a time (10,000 rows held at once were ~20 MB more while it was written).
  const rows = mapLazily(outcome.items, (i, n) => {
    const a = i.answer;
    if (a && !answerNumbers.has(a.id)) answerNumbers.set(a.id, answerNumbers.size + 1);
    return [
      n + 1,
      names.get(i.sectionId ?? 'general') ?? '',
      i.blockId ? `${baseUrl}/${locale}${base(page)}/p/${i.blockId}` : '',
      i.quote ?? '',
      i.body,
      languageName(locale, i.locale),
      i.who.name ?? '',
      i.who.organization,
      t(`consultations.groups.${i.who.stakeholderGroup}`),
      countryName(i.who.country, locale),
      i.who.region ? regionName(i.who.region as UnescoRegion, locale) : '',
      i.who.incomeGroup ? incomeGroupName(i.who.incomeGroup as IncomeGroup, locale) : '',
      a ? t(`consultations.dispositions.${a.disposition}`) : t('consultations.answers.unanswered'),
      a?.text ?? '',
      (a?.changed ?? []).map((ch) => (ch.version ? `${baseUrl}/${locale}${changedHref(page, ch.version, ch.blockId)}` : ch.blockId)).join('\n'),
      a ? (answerNumbers.get(a.id) ?? '') : '',
      i.createdAt.toISOString().slice(0, 10),
    ];
  });
  return { head, rows };
}

/** Each item mapped, as it is asked for. */
function* mapLazily<T, R>(items: readonly T[], f: (item: T, n: number) => R): Generator<R> {
  for (let n = 0; n < items.length; n++) yield f(items[n]!, n);
}

/**
 * A figures table written out (for the page and the PDF): people, comments and acceptance by one
 * dimension; when every group is too small to be shown apart, a sentence instead (a table of one
 * "Other" row says nothing).
 */
function figureTable(t: Translate, locale: Locale, kind: FigureDimension, rows: OutcomeFigure[]): OutcomePdfInput['tables'][number] {
  const key = FIGURE_KEYS[kind];
  return {
    caption: t(`consultations.outcome.${key}`),
    note: rows.every((f) => f.key === 'other') ? t('consultations.outcome.allMerged', { n: SMALLEST_GROUP }) : undefined,
    head: [t(`consultations.figures.${key}Label`), t('consultations.outcome.people'), t('consultations.figures.comments'), t('consultations.outcome.acceptedCount'), t('consultations.outcome.acceptance')],
    rows: rows.map((f) => [figureLabel(t, locale, kind, f.key), formatNumber(locale, f.people), formatNumber(locale, f.comments), formatNumber(locale, f.by.accepted + f.by['partly-accepted']), percent(locale, acceptance(f))]),
  };
}

function FigureTable({ c, kind, rows }: { c: PageContext; kind: FigureDimension; rows: OutcomeFigure[] }) {
  const table = figureTable(c.t, c.locale, kind, rows);
  if (table.note)
    return (
      <p>
        <strong safe>{`${table.caption}: `}</strong>
        <span safe>{table.note}</span>
      </p>
    );
  return <Table caption={table.caption} head={table.head} numeric={[1, 2, 3, 4]} rows={table.rows.map((r) => r.map((cell) => esc(cell)))} />;
}

function Item({ c, page, item }: { c: PageContext; page: Page; item: OutcomeItem }) {
  const who = whoOf(c.t, c.locale, item.who);
  const a = item.answer;
  return (
    <li class="outcome-item" id={`c-${item.id}`}>
      <p class="outcome-who">
        <strong dir="auto" safe>{who.name}</strong>
        <span safe>{` · ${who.detail} · ${formatDate(c.locale, item.createdAt, 'UTC')}`}</span>
      </p>
      {item.quote ? (
        <blockquote class="quote" lang={item.quoteLocale} dir={direction(item.quoteLocale)}>
          <p safe>{item.quote}</p>
        </blockquote>
      ) : (
        ''
      )}
      <p class="comment-body" lang={item.locale} dir={direction(item.locale)} safe>
        {item.body}
      </p>
      <div class="outcome-answer">
        <p class="tags">
          {a ? (
            <span class={`tag disposition-${a.disposition}`} safe>
              {c.t(`consultations.dispositions.${a.disposition}`)}
            </span>
          ) : (
            <span class="tag tag-warning" safe>
              {c.t('consultations.answers.unanswered')}
            </span>
          )}
          {a && a.shared > 1 ? <span>{c.th('consultations.outcome.together', { n: a.shared - 1 })}</span> : ''}
        </p>
        {a?.text ? (
          <p class="outcome-response" lang={a.textLocale} dir={direction(a.textLocale)} safe>
            {a.text}
          </p>
        ) : (
          ''
        )}
        {a?.changed.length ? (
          <div class="outcome-changed">
            <p>{c.th('consultations.outcome.changedTitle', { n: a.changed.length })}</p>
            <ul>
              {a.changed.map((ch) =>
                ch.version ? (
                  <li>
                    <a href={c.href(changedHref(page, ch.version, ch.blockId))} lang={page.report.originalLocale} dir={direction(page.report.originalLocale)} safe>
                      {ch.excerpt || ch.blockId}
                    </a>
                    <span safe>{` (${c.t('consultations.outcome.inVersion', { n: ch.version })})`}</span>
                  </li>
                ) : (
                  <li safe>{c.t('consultations.outcome.inDraft')}</li>
                ),
              )}
            </ul>
          </div>
        ) : (
          ''
        )}
      </div>
    </li>
  );
}

/** The comment-and-response report: figures, contents, and every comment with its answer, by section, a page at a time. */
export function OutcomePage({ c, page, outcome, at }: { c: PageContext; page: Page; outcome: Outcome; at: number }) {
  const b = base(page);
  const title = c.t('consultations.outcome.title', { title: page.version.title });
  const names = sectionNames(c.t, outcome);
  const total = outcome.items.length;
  const pages = Math.max(1, Math.ceil(total / OUTCOME_PAGE_SIZE));
  const shown = Math.min(Math.max(1, at), pages);
  const items = outcome.items.slice((shown - 1) * OUTCOME_PAGE_SIZE, shown * OUTCOME_PAGE_SIZE);
  const firstAt = new Map<string, number>();
  outcome.items.forEach((i, n) => firstAt.has(i.sectionId ?? 'general') || firstAt.set(i.sectionId ?? 'general', Math.floor(n / OUTCOME_PAGE_SIZE) + 1));
  const pageHref = (n: number) => c.href(`${b}/responses${n > 1 ? `?page=${n}` : ''}`);
  // The page's comments, cut into runs of one section each.
  const runs: { id: string; items: OutcomeItem[] }[] = [];
  for (const i of items) {
    const id = i.sectionId ?? 'general';
    if (runs.at(-1)?.id === id) runs.at(-1)!.items.push(i);
    else runs.push({ id, items: [i] });
  }
  const final = outcome.finalVersion;
  // A section's title is in the report's language (the whole report's and the introduction's names are the page's).
  const titled = new Set(outcome.sections.filter((s) => s.id !== 'general' && s.title).map((s) => s.id));
  const lang = page.report.originalLocale;
  const inReport = (id: string) => (titled.has(id) && lang !== c.locale ? { lang, dir: direction(lang) } : {});
  return (
    <Layout c={c} title={title} before={<BackLink href={c.href(b)} label={page.version.title} />}>
      <h1>{c.th('consultations.outcome.title', { title: page.version.title })}</h1>
      {outcome.concluded ? (
        <p>
          <span>{c.th('consultations.outcome.concluded', { date: formatDate(c.locale, outcome.concludedAt!, 'UTC') })}</span>{' '}
          {final ? (
            <a href={c.href(versionHref(page, final))}>
              {c.th('consultations.outcome.readFinal', { n: final })}
            </a>
          ) : (
            ''
          )}
        </p>
      ) : (
        <Banner kind="warning" title={c.t('consultations.outcome.preview')}>
          <p>{c.th('consultations.outcome.previewHint', { n: outcome.items.filter((i) => !i.answer).length })}</p>
        </Banner>
      )}
      <p>{c.th('consultations.outcome.lead', { comments: outcome.totals.comments, people: outcome.totals.people })}</p>
      <p class="downloads">
        <span safe>{`${c.t('consultations.outcome.download')} `}</span>
        {(['csv', 'xlsx', 'pdf'] as const).map((f, n) => (
          <>
            {n ? ' · ' : ''}
            <a href={c.href(`${b}/responses.${f}`)} download="" safe>
              {c.t(`consultations.outcome.formats.${f}`)}
            </a>
          </>
        ))}
      </p>
      <h2 safe>{c.t('consultations.outcome.figuresTitle')}</h2>
      <Table
        caption={c.t('consultations.outcome.byDisposition')}
        head={[c.t('consultations.outcome.columns.disposition'), c.t('consultations.figures.comments')]}
        numeric={[1]}
        rows={[
          ...DISPOSITIONS.map((d) => [esc(c.t(`consultations.dispositions.${d}`)), esc(formatNumber(c.locale, outcome.totals.by[d]))]),
          ...(outcome.concluded ? [] : [[esc(c.t('consultations.answers.unanswered')), esc(formatNumber(c.locale, outcome.totals.comments - DISPOSITIONS.reduce((n, d) => n + outcome.totals.by[d], 0)))]]),
        ]}
      />
      <p class="hint">
        {c.th('consultations.figures.privacy', { n: SMALLEST_GROUP })}
      </p>
      <FigureTable c={c} kind="group" rows={outcome.byStakeholder} />
      <FigureTable c={c} kind="region" rows={outcome.byRegion} />
      <FigureTable c={c} kind="income" rows={outcome.byIncome} />
      {total ? (
        <>
          <h2 safe>{c.t('consultations.outcome.contents')}</h2>
          <ol class="outcome-contents">
            {outcome.sections.map((s) => (
              <li>
                <a href={`${pageHref(firstAt.get(s.id) ?? 1)}#s-${s.id}`} {...inReport(s.id)} safe>
                  {names.get(s.id) ?? ''}
                </a>
                <span safe>{` (${c.t('consultations.answers.found', { n: s.comments })})`}</span>
              </li>
            ))}
          </ol>
          {runs.map((r) => (
            <section aria-labelledby={`s-${r.id}`}>
              <h2 id={`s-${r.id}`} {...inReport(r.id)} safe>
                {names.get(r.id) ?? ''}
              </h2>
              <ol class="outcome-list">
                {r.items.map((i) => (
                  <Item c={c} page={page} item={i} />
                ))}
              </ol>
            </section>
          ))}
          <Pagination c={c} page={shown} pageSize={OUTCOME_PAGE_SIZE} total={total} href={pageHref} />
        </>
      ) : (
        <p safe>{c.t('consultations.noComments')}</p>
      )}
    </Layout>
  );
}

/** How many comments go to the PDF worker at a time (see PdfParts): a few hundred KB of text (a setting for tests: the size, not the rule). */
export const pdfPart = { comments: 250 };

/** The comment-and-response report's comments written out for the PDF annex, in the reader's language: pdfPart.comments at a time, as the worker asks. */
export function outcomePdfParts(t: Translate, locale: Locale, outcome: Outcome): PdfParts {
  const names = sectionNames(t, outcome);
  let at = 0;
  return {
    next(): OutcomePdfItem[] | null {
      if (at >= outcome.items.length) return null;
      const part = outcome.items.slice(at, (at += pdfPart.comments));
      return part.map((i) => {
        const who = whoOf(t, locale, i.who);
        const a = i.answer;
        return {
          section: names.get(i.sectionId ?? 'general') ?? '',
          who: `${who.name} · ${who.detail} · ${formatDate(locale, i.createdAt, 'UTC')}`,
          quote: i.quote ?? '',
          body: i.body,
          disposition: a ? `${t(`consultations.dispositions.${a.disposition}`)}${a.shared > 1 ? ` — ${t('consultations.outcome.together', { n: a.shared - 1 })}` : ''}` : t('consultations.answers.unanswered'),
          response: a?.text ?? '',
          changed: (a?.changed ?? []).map((ch) => (ch.version ? `${t('consultations.outcome.changedTitle', { n: 1 })} ${ch.excerpt} (${t('consultations.outcome.inVersion', { n: ch.version })})` : t('consultations.outcome.inDraft'))),
        };
      });
    },
  };
}

/** The PDF annex's first pages (title, lead, figures), in the reader's language; its comments come as parts (outcomePdfParts). */
export function outcomePdfInput(t: Translate, locale: Locale, page: Page, outcome: Outcome, baseUrl: string): OutcomePdfInput {
  const title = t('consultations.outcome.title', { title: page.version.title });
  return {
    locale,
    dir: direction(locale),
    title,
    lead: [
      outcome.concluded ? t('consultations.outcome.concluded', { date: formatDate(locale, outcome.concludedAt!, 'UTC') }) : t('consultations.outcome.preview'),
      t('consultations.outcome.lead', { comments: outcome.totals.comments, people: outcome.totals.people }),
      `${baseUrl}/${locale}${base(page)}/responses`,
    ],
    issuedAt: outcome.concludedAt ?? new Date(new Date().toISOString().slice(0, 10)),
    tables: [
      {
        caption: t('consultations.outcome.byDisposition'),
        head: [t('consultations.outcome.columns.disposition'), t('consultations.figures.comments')],
        rows: DISPOSITIONS.map((d) => [t(`consultations.dispositions.${d}`), formatNumber(locale, outcome.totals.by[d])]),
      },
      figureTable(t, locale, 'group', outcome.byStakeholder),
      figureTable(t, locale, 'region', outcome.byRegion),
      figureTable(t, locale, 'income', outcome.byIncome),
    ],
    footer: title,
  };
}

/** Stopping the e-mails that tell a commenter what became of their comments (the link in each of them). */
export function OutcomeStopPage({ c, token, stopped }: { c: PageContext; token: string; stopped: boolean }) {
  const title = c.t('consultations.outcomeStop.title');
  return (
    <Layout c={c} title={title}>
      <h1 safe>{title}</h1>
      {stopped ? (
        <>
          <Banner kind="success" title={c.t('consultations.outcomeStop.done')} />
          <p>
            <span safe>{`${c.t('consultations.outcomeStop.again')} `}</span>
            <a href={c.href('/consultations/profile')} safe>
              {c.t('consultations.outcomeStop.profile')}
            </a>
          </p>
        </>
      ) : (
        <>
          <p safe>{c.t('consultations.outcomeStop.what')}</p>
          <Form c={c} action={`/consultations/outcome-mail/${token}`}>
            <Button label={c.t('consultations.outcomeStop.button')} />
          </Form>
        </>
      )}
    </Layout>
  );
}

/** A download asked for while its file is still being made: what is happening, and the same link to come back by. */
export function PreparingPage({ c, page, format, comments }: { c: PageContext; page: Page; format: 'csv' | 'xlsx' | 'pdf'; comments: number }) {
  const title = c.t('consultations.outcome.preparing.title');
  const b = base(page);
  return (
    <Layout c={c} title={title} before={<BackLink href={c.href(`${b}/responses`)} label={c.t('consultations.outcome.title', { title: page.version.title })} />}>
      <h1 safe>{title}</h1>
      <p>{c.th('consultations.outcome.preparing.body', { n: comments, format: c.t(`consultations.outcome.formats.${format}`) })}</p>
      <p>
        <a class="button" href={c.href(`${b}/responses.${format}`)} download="">
          {c.th('consultations.outcome.preparing.again', { format: c.t(`consultations.outcome.formats.${format}`) })}
        </a>
      </p>
    </Layout>
  );
}
