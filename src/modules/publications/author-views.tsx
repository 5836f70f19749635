import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Banner, LocalizedParagraphs, LocalizedText, SummaryList, Table, esc, footnoteWords } from '../../platform/ui/components.js';
import { Button, Checkboxes, FileUpload, Form, Radios, Select, TextInput, Textarea } from '../../platform/ui/form.js';
import type { FormState } from '../../platform/forms/validate.js';
import { formatDate, formatDateTime, formatNumber, languageName } from '../../platform/i18n/format.js';
import { LOCALES, direction, type Locale } from '../../platform/i18n/locales.js';
import { markdownToHtml } from '../../platform/documents/markdown.js';
import { MAX_UPLOAD_BYTES } from '../../platform/files/storage.js';
import type { Audience, CallsPage as Calls, CallView, MyReview, MySubmission, ReviewPage as Review, ShownMeta, SubmissionPage as Submission } from './service.js';
import type { AssignmentState, Recommendation, State } from './workflow.js';
import { TagFields, tagLabels } from './provenance-views.js';

/**
 * The authors' and reviewers' pages. Every date here is a day in UTC, said so on the page: calls close
 * at the end of their last day in UTC, and reviews fall due on a day in UTC (as the e-mails say).
 */
const UTC = 'UTC';
const day = (c: PageContext, d: Date) => formatDate(c.locale, d, UTC);
/** A deadline to the minute: calls close at the end of their last day in UTC. */
const deadline = (c: PageContext, d: Date) => formatDateTime(c.locale, d, UTC);
const MAX_MB = Math.round(MAX_UPLOAD_BYTES / (1024 * 1024));
const AUDIENCE_VALUES: readonly Audience[] = ['policymaker', 'practitioner', 'researcher'];
const RECOMMENDATION_VALUES: readonly Recommendation[] = ['accept', 'minor-revision', 'major-revision', 'decline'];
/** ICU keys are words: minor-revision → minor_revision. */
const word = (s: string) => s.replaceAll('-', '_');

export const stateName = (c: Pick<PageContext, 't'>, state: State) => c.t(`publications.states.${state}`);
const assignmentStateName = (c: PageContext, state: AssignmentState) => c.t(`publications.review.assignmentStates.${state}`);

/** A size in kilobytes, in the reader's language. */
const kilobytes = (locale: Locale, bytes: number) => new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1000)));

/** A text of the item (title, abstract) marked with its own language when it is not the page's, isolated in the sentence around it. */
function Own({ c, meta, text }: { c: PageContext; meta: ShownMeta; text: string }) {
  const other = meta.lang !== c.locale;
  return (
    <bdi lang={other ? meta.lang : undefined} dir={other && direction(meta.lang) !== c.dir ? direction(meta.lang) : undefined} safe>
      {text}
    </bdi>
  );
}

/** Paragraphs of plain text written by a person (an abstract, a comment), in their language. */
function Paragraphs({ c, text, lang, class: cls }: { c: PageContext; text: string; lang?: Locale; class?: string }) {
  const other = lang && lang !== c.locale ? lang : undefined;
  return (
    <div class={cls ?? 'pre-line'} lang={other} dir={other ? direction(other) : 'auto'}>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p) => (
          <p safe>{p.trim()}</p>
        ))}
    </div>
  );
}

// ——— Calls for briefs ———————————————————————————————————————————————————————————————————

export function CallsListPage({ c, page }: { c: PageContext; page: Calls }) {
  const title = c.t('publications.author.calls.title');
  return (
    <Layout c={c} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{c.t('publications.author.calls.intro')}</p>
      {page.calls.length ? (
        <ul class="card-list">
          {page.calls.map((call) => (
            <li>
              <h2>
                <LocalizedText c={c} value={call.title} original={call.originalLocale} />
              </h2>
              <LocalizedParagraphs c={c} value={call.theme} original={call.originalLocale} />
              <p>
                <strong safe>{call.open ? c.t('publications.author.calls.deadline', { date: deadline(c, call.closesAt) }) : c.t('publications.author.calls.opens', { date: day(c, call.opensAt) })}</strong>
              </p>
              {call.open ? (
                <p>
                  <a class="button-link" href={c.href(`/publications/calls/${call.slug}/submit`)}>
                    {c.th('publications.author.calls.submitTo', { call: c.text(call.title, call.originalLocale).text })}
                  </a>
                </p>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p safe>{c.t('publications.author.calls.none')}</p>
      )}
      {c.actor ? (
        <p>
          <a href={c.href('/publications/mine')} safe>
            {c.t('publications.author.mine.title')}
          </a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** A call that exists but takes no briefs now: closed, or not open yet. */
export function CallNotOpenPage({ c, call, closed }: { c: PageContext; call: CallView; closed: boolean }) {
  const title = c.t(closed ? 'publications.author.closed.title' : 'publications.author.notOpen.title');
  const name = c.text(call.title, call.originalLocale).text;
  return (
    <Layout c={c} title={title} before={<BackLink href={c.href('/publications/calls')} label={c.t('publications.author.calls.title')} />}>
      <h1 safe>{title}</h1>
      <p>{closed ? c.th('publications.author.closed.body', { call: name, date: day(c, call.closesAt) }) : c.th('publications.author.notOpen.body', { call: name, date: day(c, call.opensAt) })}</p>
      <p>
        <a href={c.href('/publications/calls')} safe>
          {c.t('publications.author.closed.others')}
        </a>
      </p>
    </Layout>
  );
}

// ——— The submission form ————————————————————————————————————————————————————————————————

const formLabels = (c: PageContext) => ({
  locale: c.t('publications.author.form.locale'),
  title: c.t('publications.author.form.title'),
  abstract: c.t('publications.author.form.abstract'),
  summary: c.t('publications.author.form.summary'),
  keywords: c.t('publications.author.form.keywords'),
  recommendations: c.t('publications.author.form.recommendations'),
  authors: c.t('publications.author.form.authors'),
  audiences: c.t('publications.author.form.audiences'),
  countries: tagLabels(c).countries,
  sdgTargets: tagLabels(c).sdgTargets,
  body: c.t('publications.author.form.body'),
  pdf: c.t('publications.author.form.pdf'),
  note: c.t('publications.author.revise.note'),
});

/** The describing texts, the authors, the audiences and the text: the same fields to submit and to revise. `lang` marks the fields of a text in another language than the page's. */
function BriefFields({ c, form, lang }: { c: PageContext; form: FormState; lang?: Locale }) {
  const labels = formLabels(c);
  const other = lang && lang !== c.locale ? { lang, dir: direction(lang) } : {};
  return (
    <>
      <TextInput c={c} name="title" label={labels.title} width="full" maxlength={300} form={form} {...other} />
      <Textarea c={c} name="abstract" label={labels.abstract} hint={c.t('publications.author.form.abstractHint')} rows={6} maxlength={3000} form={form} {...other} />
      <Textarea c={c} name="summary" label={labels.summary} hint={c.t('publications.author.form.summaryHint')} rows={4} maxlength={2000} form={form} {...other} />
      <TextInput c={c} name="keywords" label={labels.keywords} hint={c.t('publications.author.form.keywordsHint')} width="full" maxlength={500} form={form} {...other} />
      <Textarea c={c} name="recommendations" label={labels.recommendations} hint={c.t('publications.author.form.recommendationsHint')} rows={5} maxlength={4000} form={form} {...other} />
      <Textarea c={c} name="authors" label={labels.authors} hint={c.t('publications.author.form.authorsHint')} rows={3} maxlength={2000} form={form} />
      <Checkboxes c={c} name="audiences" label={labels.audiences} options={AUDIENCE_VALUES.map((a) => ({ value: a, label: c.t(`publications.author.audiences.${a}`) }))} form={form} />
      <TagFields c={c} form={form} />
      <Textarea c={c} name="body" label={labels.body} hint={c.t('publications.author.form.bodyHint')} rows={16} maxlength={200_000} code form={form} {...other} />
    </>
  );
}

/** When a form comes back with errors, a file chosen in it is not kept: say so beside the file field. */
const pdfHint = (c: PageContext, form: FormState, key: string) => (form.errors.length ? `${c.t(key, { max: MAX_MB })} ${c.t('publications.author.form.pdfAgain')}` : c.t(key, { max: MAX_MB }));

export function SubmitPage({ c, call, form }: { c: PageContext; call: CallView; form: FormState }) {
  const name = c.text(call.title, call.originalLocale).text;
  const title = c.t('publications.author.submit.title', { call: name });
  return (
    <Layout c={c} title={title} form={form} labels={formLabels(c)} before={<BackLink href={c.href('/publications/calls')} label={c.t('publications.author.calls.title')} />}>
      <h1>{c.th('publications.author.submit.title', { call: name })}</h1>
      <p>
        <strong safe>{c.t('publications.author.calls.deadline', { date: deadline(c, call.closesAt) })}</strong>
      </p>
      <p safe>{c.t('publications.author.submit.intro')}</p>
      <Form c={c} action={c.href(`/publications/calls/${call.slug}/submit`)} multipart label={title}>
        <Select c={c} name="locale" label={formLabels(c).locale} hint={c.t('publications.author.form.localeHint')} options={LOCALES.map((l) => ({ value: l, label: languageName(c.locale, l) }))} form={form} />
        <BriefFields c={c} form={form} />
        <FileUpload c={c} name="pdf" label={formLabels(c).pdf} hint={pdfHint(c, form, 'publications.author.form.pdfHint')} accept="application/pdf,.pdf" form={form} />
        <Button label={c.t('publications.author.submit.send')} />
      </Form>
    </Layout>
  );
}

// ——— The author's own submissions ———————————————————————————————————————————————————————

const MINE_NOTICES: Record<string, 'success' | 'warning'> = { submitted: 'success', repeat: 'warning', withdrawn: 'success', saved: 'success', revised: 'success', notOpen: 'warning' };

function Notice({ c, notice }: { c: PageContext; notice?: string }) {
  return notice && MINE_NOTICES[notice] ? <Banner kind={MINE_NOTICES[notice]!} title={c.t(`publications.author.notices.${notice}`)} /> : '';
}

export function MinePage({ c, items, notice }: { c: PageContext; items: MySubmission[]; notice?: string }) {
  const title = c.t('publications.author.mine.title');
  return (
    <Layout c={c} title={title}>
      <Notice c={c} notice={notice} />
      <h1 safe>{title}</h1>
      <p safe>{c.t('publications.author.mine.intro')}</p>
      {items.length ? (
        <Table
          caption={title}
          hideCaption
          head={[c.t('publications.author.mine.number'), c.t('publications.author.mine.itemTitle'), c.t('publications.author.mine.state'), c.t('publications.author.mine.date')]}
          rows={items.map((i) => [
            <a href={c.href(`/publications/mine/${i.key}`)} safe>
              {i.number}
            </a>,
            <Own c={c} meta={i.meta} text={i.meta.block.title} />,
            esc(stateName(c, i.state)),
            esc(day(c, i.createdAt)),
          ])}
        />
      ) : (
        <p safe>{c.t('publications.author.mine.none')}</p>
      )}
      <p>
        <a href={c.href('/publications/calls')} safe>
          {c.t('publications.author.calls.title')}
        </a>
      </p>
    </Layout>
  );
}

export function SubmissionView({ c, page, notice }: { c: PageContext; page: Submission; notice?: string }) {
  const { item, meta } = page;
  const title = meta.block.title || item.number;
  const withdraw = page.steps.includes('withdraw');
  const revise = page.steps.includes('revise');
  return (
    <Layout c={c} title={`${item.number} – ${title}`} before={<BackLink href={c.href('/publications/mine')} label={c.t('publications.author.mine.title')} />}>
      <Notice c={c} notice={notice} />
      <h1>
        <Own c={c} meta={meta} text={title} />
      </h1>
      <SummaryList
        rows={[
          [c.t('publications.author.item.identifier'), esc(item.number)],
          [c.t('publications.author.item.state'), <strong safe>{stateName(c, item.state)}</strong>],
          [c.t('publications.author.item.language'), esc(languageName(c.locale, item.locale))],
          [c.t('publications.author.item.submitted'), esc(day(c, item.createdAt))],
          [
            c.t('publications.author.item.authors'),
            <span dir="auto" safe>
              {item.authors.map((a) => (a.affiliation ? `${a.name} (${a.affiliation})` : a.name)).join('; ')}
            </span>,
          ],
        ]}
      />
      <h2 safe>{c.t('publications.author.item.next')}</h2>
      <p safe>{c.t(`publications.author.next.${item.state}`)}</p>
      {item.state === 'published' ? (
        <p>
          <a href={c.href(`/publications/${item.key}`)} safe>
            {c.t('publications.author.item.read')}
          </a>
        </p>
      ) : (
        ''
      )}
      {revise ? (
        <Banner kind="warning" title={c.t('publications.author.item.revisionRequested')}>
          {page.revisionNote ? <Paragraphs c={c} text={page.revisionNote} /> : ''}
          <p>
            <a class="button-link" href={c.href(`/publications/mine/${item.key}/revise`)} safe>
              {c.t('publications.author.item.revise')}
            </a>
          </p>
        </Banner>
      ) : (
        ''
      )}

      <h2 safe>{c.t('publications.author.item.abstract')}</h2>
      <Paragraphs c={c} text={meta.block.abstract} lang={meta.lang} />
      {item.hasPdf ? (
        <p>
          <a href={c.href(`/publications/mine/${item.key}/pdf`)} type="application/pdf">
            {c.th('publications.author.item.pdf', { size: kilobytes(c.locale, item.pdfBytes ?? 0) })}
          </a>
        </p>
      ) : (
        ''
      )}

      {page.reviews.length ? (
        <section aria-labelledby="reviews">
          <h2 id="reviews" safe>
            {c.t('publications.author.item.reviews')}
          </h2>
          <p class="hint" safe>
            {c.t('publications.author.item.reviewsIntro')}
          </p>
          {[...new Set(page.reviews.map((r) => r.round))].map((round) => (
            <>
              <h3 safe>{c.t('publications.author.item.round', { round })}</h3>
              <ol>
                {page.reviews
                  .filter((r) => r.round === round)
                  .map((r, i) => (
                    <li>
                      <p>
                        <strong safe>{c.t('publications.author.item.reviewer', { n: i + 1 })}</strong>
                      </p>
                      <Paragraphs c={c} text={r.toAuthor} />
                    </li>
                  ))}
              </ol>
            </>
          ))}
        </section>
      ) : (
        ''
      )}

      <h2 id="history" safe>
        {c.t('publications.author.item.history')}
      </h2>
      <Table
        caption={c.t('publications.author.item.history')}
        hideCaption
        head={[c.t('publications.author.item.date'), c.t('publications.author.item.step'), c.t('publications.author.item.note')]}
        rows={page.history.map((e) => [esc(day(c, e.at)), esc(stateName(c, e.toState)), e.note ? <span class="pre-line" dir="auto" safe>{e.note}</span> : ''])}
      />

      {withdraw ? (
        <>
          <h2 safe>{c.t('publications.author.item.steps')}</h2>
          <p>
            <a href={c.href(`/publications/mine/${item.key}/withdraw`)} safe>
              {c.t('publications.author.item.withdraw')}
            </a>
          </p>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** Withdrawing asks first: on its own page, with a box to tick. */
export function WithdrawPage({ c, page, form }: { c: PageContext; page: Submission; form: FormState }) {
  const title = c.t('publications.author.withdraw.title');
  const back = c.href(`/publications/mine/${page.item.key}`);
  return (
    <Layout c={c} title={title} form={form} labels={{ confirm: c.t('publications.author.withdraw.confirmLegend'), note: c.t('publications.author.withdraw.note') }} before={<BackLink href={back} label={page.item.number} />}>
      <h1 safe>{title}</h1>
      <p>
        <Own c={c} meta={page.meta} text={page.meta.block.title} />
      </p>
      <p>{c.th('publications.author.withdraw.body', { number: page.item.number })}</p>
      <Form c={c} action={c.href(`/publications/mine/${page.item.key}/withdraw`)} label={title}>
        <Textarea c={c} name="note" label={c.t('publications.author.withdraw.note')} rows={3} maxlength={2000} form={form} />
        <Checkboxes c={c} name="confirm" label={c.t('publications.author.withdraw.confirmLegend')} options={[{ value: 'yes', label: c.t('publications.author.withdraw.confirm') }]} form={form} />
        <Button variant="warning" label={c.t('publications.author.withdraw.button')} />
      </Form>
      <p>
        <a href={back} safe>
          {c.t('publications.author.withdraw.cancel')}
        </a>
      </p>
    </Layout>
  );
}

/** The revision: the working copy in the item's own language, a new PDF if need be, saved, or saved and sent in one go. */
export function RevisePage({ c, page, form, notice }: { c: PageContext; page: Submission; form: FormState; notice?: string }) {
  const title = c.t('publications.author.revise.title');
  const back = c.href(`/publications/mine/${page.item.key}`);
  return (
    <Layout c={c} title={title} form={form} labels={formLabels(c)} before={<BackLink href={back} label={page.item.number} />}>
      <Notice c={c} notice={notice} />
      <h1 safe>{title}</h1>
      <p>
        <Own c={c} meta={page.meta} text={page.meta.block.title} />
      </p>
      <p safe>{c.t('publications.author.revise.intro')}</p>
      {page.revisionNote ? (
        <section aria-labelledby="editors-note" class="summary-box">
          <h2 id="editors-note" safe>
            {c.t('publications.author.revise.editorsNote')}
          </h2>
          <Paragraphs c={c} text={page.revisionNote} />
        </section>
      ) : (
        ''
      )}
      {page.reviews.length ? (
        <p>
          <a href={`${back}#reviews`} safe>
            {c.t('publications.author.revise.comments')}
          </a>
        </p>
      ) : (
        ''
      )}
      <Form c={c} action={c.href(`/publications/mine/${page.item.key}/revise`)} multipart label={title}>
        <p class="hint">{c.th('publications.author.revise.language', { language: languageName(c.locale, page.item.locale) })}</p>
        <BriefFields c={c} form={form} lang={page.item.locale} />
        <FileUpload c={c} name="pdf" label={c.t('publications.author.revise.pdf')} hint={pdfHint(c, form, page.item.hasPdf ? 'publications.author.revise.pdfHint' : 'publications.author.form.pdfHint')} accept="application/pdf,.pdf" form={form} />
        <Textarea c={c} name="note" label={formLabels(c).note} hint={c.t('publications.author.revise.noteHint')} rows={4} maxlength={4000} form={form} />
        <div class="actions">
          {/* Saving comes first: the Enter key in a field presses the first button, and saving is the step that can be taken again. */}
          <Button name="do" value="save" variant="secondary" label={c.t('publications.author.revise.save')} />
          <Button name="do" value="send" label={c.t('publications.author.revise.send')} />
        </div>
      </Form>
    </Layout>
  );
}

// ——— The reviewer's pages ———————————————————————————————————————————————————————————————

export function ReviewsListPage({ c, rows }: { c: PageContext; rows: MyReview[] }) {
  const title = c.t('publications.review.list.title');
  return (
    <Layout c={c} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{c.t('publications.review.list.intro')}</p>
      {rows.length ? (
        <Table
          caption={title}
          hideCaption
          head={[c.t('publications.review.list.item'), c.t('publications.review.list.round'), c.t('publications.review.list.state'), c.t('publications.review.list.due')]}
          numeric={[1]}
          rows={rows.map((r) => [
            <a href={c.href(`/publications/reviews/${r.id}`)}>
              <span safe>{r.number}</span>
              {' – '}
              <Own c={c} meta={r.meta} text={r.meta.block.title} />
            </a>,
            esc(formatNumber(c.locale, r.round)),
            esc(assignmentStateName(c, r.state)),
            esc(day(c, r.dueAt)),
          ])}
        />
      ) : (
        <p safe>{c.t('publications.review.list.none')}</p>
      )}
    </Layout>
  );
}

const REVIEW_NOTICES: Record<string, { key: string; kind: 'success' | 'warning' }> = {
  accepted: { key: 'publications.review.notices.accepted', kind: 'success' },
  declined: { key: 'publications.review.notices.declined', kind: 'success' },
  conflict: { key: 'publications.review.notices.conflict', kind: 'success' },
  sent: { key: 'publications.review.notices.sent', kind: 'success' },
  answered: { key: 'publications.errors.answered', kind: 'warning' },
  roundClosed: { key: 'publications.errors.roundClosed', kind: 'warning' },
  notAccepted: { key: 'publications.errors.notAccepted', kind: 'warning' },
  alreadySent: { key: 'publications.review.notices.alreadySent', kind: 'warning' },
};
export const REVIEW_NOTICE = new RegExp(`^(${Object.keys(REVIEW_NOTICES).join('|')})$`);

/** The item as the reviewer reads it: abstract, then the text (Markdown drawn as HTML, in its language) or its PDF. No author names. */
function ItemToRead({ c, page }: { c: PageContext; page: Review }) {
  const { item, meta } = page;
  return (
    <>
      <h2 safe>{c.t('publications.review.page.abstract')}</h2>
      <Paragraphs c={c} text={meta.block.abstract} lang={meta.lang} />
      {page.mayRead ? (
        <>
          {item.hasPdf ? (
            <p>
              <a href={c.href(`/publications/reviews/${page.assignment.id}/pdf`)} type="application/pdf">
                {c.th('publications.review.page.pdf', { size: kilobytes(c.locale, item.pdfBytes ?? 0) })}
              </a>
            </p>
          ) : (
            ''
          )}
          {item.body.trim() ? (
            <details class="summary-box" open={page.assignment.state === 'accepted' ? true : undefined}>
              <summary safe>{c.t('publications.review.page.text')}</summary>
              <div class="prose" lang={item.locale} dir={direction(item.locale)}>
                {markdownToHtml(item.body, footnoteWords(c)) as 'safe'}
              </div>
            </details>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
    </>
  );
}

const answerLabels = (c: PageContext) => ({ answer: c.t('publications.review.answer.label'), conflict: c.t('publications.review.answer.conflictWhat') });
const reviewLabels = (c: PageContext) => ({ recommendation: c.t('publications.review.form.recommendation'), toAuthor: c.t('publications.review.form.toAuthor'), toEditor: c.t('publications.review.form.toEditor') });

export function ReviewView({ c, page, form, notice }: { c: PageContext; page: Review; form: FormState; notice?: string }) {
  const { assignment: a, item, meta } = page;
  const title = c.t('publications.review.page.title', { number: item.number });
  const n = notice ? REVIEW_NOTICES[notice] : undefined;
  const base = `/publications/reviews/${a.id}`;
  return (
    <Layout c={c} title={title} form={form} labels={a.state === 'invited' ? answerLabels(c) : reviewLabels(c)} before={<BackLink href={c.href('/publications/reviews')} label={c.t('publications.review.list.title')} />}>
      {n ? <Banner kind={n.kind} title={c.t(n.key)} /> : ''}
      <h1>{c.th('publications.review.page.title', { number: item.number })}</h1>
      <p class="headline">
        <Own c={c} meta={meta} text={meta.block.title} />
      </p>
      <SummaryList
        rows={[
          [c.t('publications.review.list.round'), esc(formatNumber(c.locale, a.round))],
          [c.t('publications.review.list.state'), <strong safe>{assignmentStateName(c, a.state)}</strong>],
          [c.t('publications.review.list.due'), esc(c.t('publications.review.page.due', { date: day(c, a.dueAt) }))],
        ]}
      />

      {a.state === 'invited' ? (
        <section aria-labelledby="answer">
          <h2 id="answer" safe>
            {c.t('publications.review.answer.heading')}
          </h2>
          <Form c={c} action={c.href(`${base}/answer`)} label={c.t('publications.review.answer.heading')}>
            <Radios
              c={c}
              name="answer"
              label={answerLabels(c).answer}
              options={[
                { value: 'accept', label: c.t('publications.review.answer.accept') },
                { value: 'decline', label: c.t('publications.review.answer.decline') },
                { value: 'conflict', label: c.t('publications.review.answer.conflict') },
              ]}
              form={form}
            />
            <Textarea c={c} name="conflict" label={answerLabels(c).conflict} hint={c.t('publications.review.answer.conflictHint')} rows={3} maxlength={2000} form={form} />
            <Button label={c.t('publications.review.answer.send')} />
          </Form>
        </section>
      ) : (
        ''
      )}

      {a.state === 'accepted' ? (
        <section aria-labelledby="review">
          <h2 id="review" safe>
            {c.t('publications.review.form.heading')}
          </h2>
          <Form c={c} action={c.href(base)} label={c.t('publications.review.form.heading')}>
            <Radios c={c} name="recommendation" label={reviewLabels(c).recommendation} options={RECOMMENDATION_VALUES.map((r) => ({ value: r, label: c.t(`publications.review.recommendations.${word(r)}`) }))} form={form} />
            <Textarea c={c} name="toAuthor" label={reviewLabels(c).toAuthor} hint={c.t('publications.review.form.toAuthorHint')} rows={10} maxlength={20_000} form={form} />
            <Textarea c={c} name="toEditor" label={reviewLabels(c).toEditor} hint={c.t('publications.review.form.toEditorHint')} rows={5} maxlength={20_000} form={form} />
            <Button label={c.t('publications.review.form.send')} />
          </Form>
        </section>
      ) : (
        ''
      )}

      {a.state === 'completed' ? (
        <section aria-labelledby="written">
          <h2 id="written" safe>
            {c.t('publications.review.done.heading')}
          </h2>
          {a.completedAt ? <p safe>{c.t('publications.review.done.sent', { date: day(c, a.completedAt) })}</p> : ''}
          <SummaryList
            rows={[
              [reviewLabels(c).recommendation, esc(a.recommendation ? c.t(`publications.review.recommendations.${word(a.recommendation)}`) : '')],
              [reviewLabels(c).toAuthor, <Paragraphs c={c} text={a.toAuthor} />],
              [c.t('publications.review.done.toEditor'), a.toEditor ? <Paragraphs c={c} text={a.toEditor} /> : esc('—')],
            ]}
          />
        </section>
      ) : (
        ''
      )}
      {a.state === 'declined' ? <p safe>{c.t('publications.review.declined')}</p> : ''}
      {a.state === 'conflict' ? (
        <>
          <p safe>{c.t('publications.review.conflictDeclared')}</p>
          <h2 safe>{c.t('publications.review.conflictWhat')}</h2>
          <Paragraphs c={c} text={a.conflict} />
        </>
      ) : (
        ''
      )}
      {a.state === 'closed' ? <p safe>{c.t('publications.review.closedSilent')}</p> : ''}
      {a.state === 'completed' || a.state === 'closed' ? (
        <p>{page.roundOpen ? esc(c.t('publications.review.round.open')) : c.th('publications.review.round.ended', { state: stateName(c, item.state) })}</p>
      ) : (
        ''
      )}

      <ItemToRead c={c} page={page} />
    </Layout>
  );
}
