import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Banner, LocalizedText, Pagination, Table, esc, footnoteWords } from '../../platform/ui/components.js';
import { Button, Checkboxes, Form, Radios, Select, TextInput, Textarea } from '../../platform/ui/form.js';
import { emptyForm, type FormState } from '../../platform/forms/validate.js';
import { formatDate, formatDateTime, formatNumber, languageName } from '../../platform/i18n/format.js';
import type { PanelContext } from '../../platform/panels.js';
import { LOCALES, direction, type Locale } from '../../platform/i18n/locales.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { countryName, countryOptions, incomeGroupName, regionName, type IncomeGroup, type UnescoRegion } from '../../platform/geo/countries.js';
import { notesOutside, renderBlocks } from '../../platform/documents/markdown.js';
import type { IdentifiedBlock } from '../../platform/documents/blocks.js';
import { barChart } from '../../platform/charts/render.js';
import { versionHref } from './outcome.js';
import {
  CONSULTATION_AUDIENCES,
  DISPLAY,
  MODERATION,
  ON_BEHALF,
  STAKEHOLDER_GROUPS,
  isOpen,
  COMMENTS_PAGE_SIZE,
  type CommentRow,
  type CommentsOn,
  type CommentView,
  type ConsultationPage as Page,
  type ConsultationView,
  type Figure,
  type Figures,
  type GuidingQuestion,
  type Reading,
  type Section,
  readingOf,
  sectionIndexOf,
} from './service.js';

const base = (c: Pick<ConsultationView, 'slug'>) => `/consultations/${c.slug}`;

/** Where a consultation stands now: coming, open until…, or closed on…. */
function WindowLine({ c, consultation, now }: { c: PageContext; consultation: ConsultationView; now: Date }) {
  const key = now < consultation.opensAt ? 'consultations.window.coming' : isOpen(consultation, now) ? 'consultations.window.open' : 'consultations.window.closed';
  return (
    <p class="window">
      {c.th(key, { opens: formatDateTime(c.locale, consultation.opensAt, 'UTC'), closes: formatDateTime(c.locale, consultation.closesAt, 'UTC') })}
    </p>
  );
}

/** Once the report is final, the way to what became of the comments (nothing before). */
function ResponsesLink({ c, consultation }: { c: Pick<PageContext, 't' | 'href'>; consultation: ConsultationView }) {
  if (!consultation.concludedAt) return <></>;
  return (
    <p class="responses-link">
      <a href={c.href(`${base(consultation)}/responses`)} safe>
        {c.t('consultations.responsesLink')}
      </a>
    </p>
  );
}

export function ConsultationsPage({ c, list, now }: { c: PageContext; list: (ConsultationView & { title: string })[]; now: Date }) {
  return (
    <Layout c={c} title={c.t('consultations.title')}>
      <h1 safe>{c.t('consultations.title')}</h1>
      <p safe>{c.t('consultations.intro')}</p>
      {list.length === 0 ? (
        <p safe>{c.t('consultations.none')}</p>
      ) : (
        <ul class="card-list">
          {list.map((k) => (
            <li>
              <h2>
                <a href={c.href(base(k))} lang={k.originalLocale === c.locale ? undefined : k.originalLocale} safe>
                  {k.title}
                </a>
              </h2>
              <WindowLine c={c} consultation={k} now={now} />
              <ResponsesLink c={c} consultation={k} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The report's text direction and language attributes on a page in another language. */
function textAttrs(c: PageContext, locale: string) {
  const dir = direction(locale as never);
  return { lang: locale === c.locale ? undefined : locale, dir: dir === c.dir ? undefined : dir };
}

function questionText(c: PageContext, q: GuidingQuestion, original: string) {
  return <LocalizedText c={c} value={q.text} original={original} />;
}

/** The whole document drawn once per text and page language (footnotes are numbered across it), and where each block sits in it. */
function drawn(c: PageContext, page: Page): { html: string[]; at: Map<string, number> } {
  const { text } = page;
  return { html: renderBlocks(text.blocks, footnoteWords(c), `consultation-all:${text.revision}:${c.locale}`), at: new Map(text.blocks.map((b, i) => [b.id, i])) };
}

/** Where a block is read: on the report's page, or on its section's page when the report is read a section at a time. */
function readHref(page: Page, blockId: string): string {
  const reading = readingOf(page.text);
  const i = reading.split ? sectionIndexOf(reading, blockId) : 0;
  return i > 0 ? `${base(page.consultation)}/s/${reading.sections[i]!.id}#${blockId}` : `${base(page.consultation)}#${blockId}`;
}

/** A section's blocks as read: its heading, then what follows it. */
const blocksOf = (s: Section): IdentifiedBlock[] => [...(s.heading ? [s.heading] : []), ...s.blocks];

/** A section's comments: on its heading and on each of its blocks. */
const sectionCount = (s: Section, counts: Map<string, number>) => blocksOf(s).reduce((n, b) => n + (counts.get(b.id) ?? 0), 0);

/** The translation note: which version this translates, and the original one click away. */
function TranslationNote({ c, page }: { c: PageContext; page: Page }) {
  const { report, version } = page;
  if (!page.text.translated) return <></>;
  return (
    <Banner kind="info" title={c.t('workingGroups.translate.note', { n: version.number, language: languageName(c.locale, report.originalLocale) })}>
      <p>
        <a href={c.href(`${versionHref(page, version.number)}/original`)}>
          {c.th('workingGroups.translate.readOriginal', { language: languageName(c.locale, report.originalLocale) })}
        </a>
      </p>
    </Banner>
  );
}

/**
 * The report's page: summary, questions, contents, and the text with each paragraph's count of
 * comments and a link to comment on it — the whole text, or for a long report (`readingOf`) its
 * first section, each other section having a page of its own, and the whole text at `/whole`.
 */
export function ConsultationPage({ c, page, counts, now, invited, runs, whole }: { c: PageContext; page: Page; counts: Map<string, number>; now: Date; invited?: boolean; runs?: boolean; whole?: boolean }) {
  const { consultation, version } = page;
  const { text } = page;
  const attrs = textAttrs(c, text.locale);
  const reading = readingOf(text);
  const bySection = reading.split && !whole;
  const general = consultation.questions.filter((q) => q.blockId === null);
  return (
    <Layout c={c} title={text.title} before={<BackLink href={c.href('/consultations')} label={c.t('consultations.title')} />} head={<script src={c.asset('consult.js')} defer></script>}>
      <div class="consultation">
        <p class="tag" safe>
          {c.t('consultations.kicker')}
        </p>
        <h1 {...attrs} safe>
          {text.title}
        </h1>
        <WindowLine c={c} consultation={consultation} now={now} />
        {runs ? (
          <div class="actions">
            <a class="button secondary" href={c.href(`${base(consultation)}/settings`)} safe>
              {c.t('consultations.settings.link')}
            </a>
            <a class="button secondary" href={c.href(`${base(consultation)}/moderate`)} safe>
              {c.t('consultations.settings.moderateLink')}
            </a>
          </div>
        ) : (
          ''
        )}
        {invited ? <Banner kind="success" title={c.t('consultations.invited')} /> : ''}
        <TranslationNote c={c} page={page} />
        <section aria-labelledby="summary" class="summary-box">
          <h2 id="summary" safe>
            {c.t('consultations.summary')}
          </h2>
          <LocalizedText c={c} value={consultation.summary} original={consultation.originalLocale} as="p" />
          <p>
            <a href={c.href(`${base(consultation)}/general`)}>
              {c.th('consultations.generalLink', { n: counts.get('') ?? 0 })}
            </a>
            {' · '}
            <a href={c.href(`${base(consultation)}/by-email`)} safe>
              {c.t('consultations.byEmailLink')}
            </a>
            {' · '}
            <a href={c.href(`${base(consultation)}/figures`)} safe>
              {c.t('consultations.figuresLink')}
            </a>
            {' · '}
            {consultation.concludedAt || runs ? (
              <>
                <a href={c.href(`${base(consultation)}/responses`)} safe>
                  {c.t('consultations.responsesLink')}
                </a>
                {' · '}
              </>
            ) : (
              ''
            )}
            <a href={c.href(versionHref(page, version.number))} safe>
              {c.t('consultations.readPlain')}
            </a>
          </p>
          {general.length ? (
            <>
              <h3 safe>{c.t('consultations.questionsGeneral')}</h3>
              <ul>
                {general.map((q) => (
                  <li>{questionText(c, q, consultation.originalLocale)}</li>
                ))}
              </ul>
            </>
          ) : (
            ''
          )}
          <p class="hint" safe>
            {c.t('consultations.howTo')}
          </p>
          {reading.split ? (
            <p class="hint">
              <span safe>{c.t(whole ? 'consultations.reading.wholeNote' : 'consultations.reading.splitNote')}</span>{' '}
              <a href={c.href(whole ? base(consultation) : `${base(consultation)}/whole`)} safe>
                {c.t(whole ? 'consultations.reading.bySection' : 'consultations.reading.whole')}
              </a>
            </p>
          ) : (
            ''
          )}
        </section>
        <Contents c={c} page={page} reading={reading} counts={counts} bySection={bySection} />
        <ReportText c={c} page={page} counts={counts} sections={bySection ? reading.sections.slice(0, 1) : reading.sections} />
        {bySection ? <SectionNav c={c} page={page} reading={reading} at={0} /> : ''}
      </div>
    </Layout>
  );
}

/** The contents: every heading, linked where it is read; read a section at a time, each section with its count of comments. */
function Contents({ c, page, reading, counts, bySection }: { c: PageContext; page: Page; reading: Reading; counts: Map<string, number>; bySection: boolean }) {
  const attrs = textAttrs(c, page.text.locale);
  const b = base(page.consultation);
  const where = (i: number, id: string) => (bySection && i > 0 ? c.href(`${b}/s/${reading.sections[i]!.id}#${id}`) : `#${id}`);
  const entries = reading.sections.flatMap((s, i) => [
    ...(s.heading && (s.heading.level ?? 1) <= 3 ? [{ block: s.heading, href: bySection && i > 0 ? c.href(`${b}/s/${s.id}`) : `#${s.id}`, count: bySection ? sectionCount(s, counts) : undefined }] : []),
    ...(!s.heading && bySection ? [{ block: undefined, href: `#${s.id}`, count: sectionCount(s, counts) }] : []),
    ...s.blocks.filter((x) => x.kind === 'heading' && (x.level ?? 1) <= 3).map((x) => ({ block: x, href: where(i, x.id), count: undefined })),
  ]);
  if (!entries.length) return <></>;
  return (
    <nav class="toc" id="contents" aria-labelledby="contents-title">
      <h2 id="contents-title" safe>
        {c.t('workingGroups.reports.contents')}
      </h2>
      <ol>
        {entries.map((e) => (
          <li class={`toc-level-${e.block?.level ?? 2}`}>
            {e.block ? (
              <a href={e.href} {...attrs} safe>
                {e.block.text}
              </a>
            ) : (
              <a href={e.href} safe>
                {c.t('consultations.reading.opening')}
              </a>
            )}
            {e.count === undefined ? (
              ''
            ) : (
              <span class="hint" safe>
                {` (${c.t('consultations.reading.comments', { n: e.count })})`}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Sections of the text, each block commentable, then the notes they refer to that are elsewhere in the document. */
function ReportText({ c, page, counts, sections }: { c: PageContext; page: Page; counts: Map<string, number>; sections: Section[] }) {
  const { consultation, text } = page;
  const { html, at } = drawn(c, page);
  const part = sections.flatMap(blocksOf).map((b) => at.get(b.id)!);
  const notes = notesOutside(text.blocks, html, part);
  const block = (i: number) => <CommentableBlock c={c} consultation={consultation} block={text.blocks[i]!} html={html[i]!} n={counts.get(text.blocks[i]!.id) ?? 0} questions={consultation.questions.filter((q) => q.blockId === text.blocks[i]!.id)} />;
  return (
    <article class="report commentable" {...textAttrs(c, text.locale)} data-comment-url={c.href(`${base(consultation)}/p/`)} data-comment-label={c.t('consultations.commentOnPassage')} data-comment-lang={c.locale} data-text-lang={text.locale}>
      {part.map(block)}
      {notes.length ? (
        <section class="notes" aria-labelledby="notes-title">
          <h2 id="notes-title" lang={c.locale} dir={c.dir} safe>
            {c.t('consultations.reading.notes')}
          </h2>
          {notes.map(block)}
        </section>
      ) : (
        ''
      )}
    </article>
  );
}

/** Between sections: the previous and the next, the contents, and the whole report on one page. */
function SectionNav({ c, page, reading, at }: { c: PageContext; page: Page; reading: Reading; at: number }) {
  const b = base(page.consultation);
  const attrs = textAttrs(c, page.text.locale);
  const href = (i: number) => c.href(i === 0 ? b : `${b}/s/${reading.sections[i]!.id}`);
  const name = (i: number) => reading.sections[i]!.heading?.text;
  const link = (i: number, key: string, rel: string) => (
    <a href={href(i)} rel={rel}>
      <span class="section-nav-dir" safe>
        {c.t(key)}
      </span>{' '}
      {name(i) ? (
        <span {...attrs} safe>
          {name(i)}
        </span>
      ) : (
        <span safe>{c.t('consultations.reading.opening')}</span>
      )}
    </a>
  );
  return (
    <nav class="section-nav" aria-label={c.t('consultations.reading.sections')}>
      <p>{at > 0 ? link(at - 1, 'consultations.reading.previous', 'prev') : ''}</p>
      <p>{at + 1 < reading.sections.length ? link(at + 1, 'consultations.reading.next', 'next') : ''}</p>
      <p class="section-nav-all">
        <a href={c.href(`${b}#contents`)} safe>
          {c.t('workingGroups.reports.contents')}
        </a>
        {reading.split ? (
          <>
            {' · '}
            <a href={c.href(`${b}/whole`)} safe>
              {c.t('consultations.reading.whole')}
            </a>
          </>
        ) : (
          ''
        )}
      </p>
    </nav>
  );
}

/** One section of the report on a page of its own, with the way to the sections before and after it. */
export function SectionPage({ c, page, reading, at, counts, now }: { c: PageContext; page: Page; reading: Reading; at: number; counts: Map<string, number>; now: Date }) {
  const { text, consultation } = page;
  const section = reading.sections[at]!;
  const attrs = textAttrs(c, text.locale);
  return (
    <Layout
      c={c}
      title={c.t('consultations.reading.sectionTitle', { section: section.heading?.text ?? c.t('consultations.reading.opening'), title: text.title })}
      before={<BackLink href={c.href(`${base(consultation)}#contents`)} label={text.title} />}
      head={<script src={c.asset('consult.js')} defer></script>}
    >
      <div class="consultation">
        <p class="tag">
          {c.th('consultations.reading.sectionOf', { n: at + 1, total: reading.sections.length })}
        </p>
        <h1 {...attrs} safe>
          {text.title}
        </h1>
        <WindowLine c={c} consultation={consultation} now={now} />
        <TranslationNote c={c} page={page} />
        <ReportText c={c} page={page} counts={counts} sections={[section]} />
        <SectionNav c={c} page={page} reading={reading} at={at} />
      </div>
    </Layout>
  );
}

function CommentableBlock({ c, consultation, block, html, n, questions }: { c: PageContext; consultation: ConsultationView; block: IdentifiedBlock; html: string; n: number; questions: GuidingQuestion[] }) {
  const href = c.href(`${base(consultation)}/p/${block.id}`);
  return (
    <div class={`block${block.kind === 'footnote' ? ' footnote' : ''}`} id={block.id}>
      {html as 'safe'}
      {questions.length ? (
        <aside class="questions" lang={c.locale} dir={c.dir}>
          <p class="questions-title" safe>
            {c.t('consultations.questionsSection')}
          </p>
          <ul>
            {questions.map((q) => (
              <li>{questionText(c, q, consultation.originalLocale)}</li>
            ))}
          </ul>
        </aside>
      ) : (
        ''
      )}
      <p class="block-comments" lang={c.locale} dir={c.dir}>
        <a href={href} safe>
          {block.kind === 'heading' ? (n ? c.t('consultations.commentsOnSection', { n }) : c.t('consultations.commentOnSection')) : n ? c.t('consultations.commentsOn', { n }) : c.t('consultations.commentOn')}
        </a>
      </p>
    </div>
  );
}

/** How a commenter is shown: their name and organisation, or only their stakeholder group and country. */
function Author({ c, comment }: { c: PageContext; comment: CommentView }) {
  const who = c.t(`consultations.groups.${comment.author.stakeholderGroup}`);
  const where = countryName(comment.author.country, c.locale);
  const name = comment.author.name ? `${comment.author.name}${comment.author.organization ? ` (${comment.author.organization})` : ''}` : '';
  return (
    <p class="comment-author">
      <strong dir="auto" safe>{name || c.t('consultations.anonymousAuthor', { group: who, country: where })}</strong>
      {name ? <span safe>{` · ${who} · ${where}`}</span> : ''}
      {comment.author.onBehalf === 'organization' ? <span class="tag" safe>{c.t('consultations.onBehalfTag')}</span> : ''}
      <span class="hint" safe>{` · ${formatDateTime(c.locale, comment.createdAt, 'UTC')}`}</span>
      {comment.source === 'email' ? <span class="hint" safe>{` · ${c.t('consultations.byEmail')}`}</span> : ''}
    </p>
  );
}

function CommentItem({ c, page, comment, mayReply, mayFlag, moderator, pageNo }: { c: PageContext; page: Page; comment: CommentView; mayReply: boolean; mayFlag: boolean; moderator: boolean; pageNo: number }) {
  const b = base(page.consultation);
  const question = comment.questionId ? page.consultation.questions.find((q) => q.id === comment.questionId) : undefined;
  return (
    <li class={`comment ${comment.state}`} id={`c-${comment.id}`}>
      <Author c={c} comment={comment} />
      {comment.state === 'pending' ? <p class="tag warn" safe>{c.t('consultations.pending')}</p> : ''}
      {comment.state === 'hidden' ? <p class="tag warn">{c.th('consultations.hiddenBecause', { reason: comment.hiddenReason ?? '' })}</p> : ''}
      {question ? (
        <p class="hint">
          <span safe>{c.t('consultations.answering')}</span> {questionText(c, question, page.consultation.originalLocale)}
        </p>
      ) : (
        ''
      )}
      {comment.quote ? (
        <blockquote class="quote" {...textAttrs(c, comment.quoteLocale ?? page.report.originalLocale)}>
          <p safe>{comment.quote.exact}</p>
        </blockquote>
      ) : (
        ''
      )}
      <div class="comment-body pre-line" lang={comment.locale === c.locale ? undefined : comment.locale} dir={direction(comment.locale) === c.dir ? undefined : direction(comment.locale)} safe>
        {comment.body}
      </div>
      <div class="actions">
        {mayReply && comment.state === 'published' && !comment.parentId ? (
          <a href={`?page=${pageNo}&reply=${comment.id}#comment-form`} class="small" safe>
            {c.t('consultations.reply')}
          </a>
        ) : (
          ''
        )}
        {mayFlag && !comment.mine && comment.state === 'published' ? (
          <a href={c.href(`${b}/comments/${comment.id}/flag`)} class="small" safe>
            {c.t('consultations.flag')}
          </a>
        ) : (
          ''
        )}
        {moderator ? <ModerationButtons c={c} consultation={page.consultation} comment={comment} flagged={comment.flagged > 0} /> : ''}
      </div>
      {comment.replies.length ? (
        <ol class="replies">
          {comment.replies.map((r) => (
            <CommentItem c={c} page={page} comment={r} mayReply={false} mayFlag={mayFlag} moderator={moderator} pageNo={pageNo} />
          ))}
        </ol>
      ) : (
        ''
      )}
    </li>
  );
}

function ModerationButtons({ c, consultation, comment, flagged }: { c: PageContext; consultation: ConsultationView; comment: Pick<CommentView, 'id' | 'state'>; flagged?: boolean }) {
  const b = base(consultation);
  return (
    <>
      {comment.state === 'pending' ? (
        <Form c={c} action={c.href(`${b}/comments/${comment.id}/approve`)} class="inline">
          <button type="submit" class="button small" safe>
            {c.t('consultations.moderation.approve')}
          </button>
        </Form>
      ) : (
        ''
      )}
      {comment.state === 'published' && flagged ? (
        <Form c={c} action={c.href(`${b}/comments/${comment.id}/keep`)} class="inline">
          <button type="submit" class="button small secondary" safe>
            {c.t('consultations.moderation.keep')}
          </button>
        </Form>
      ) : (
        ''
      )}
      {comment.state !== 'hidden' ? (
        <Form c={c} action={c.href(`${b}/comments/${comment.id}/hide`)} class="inline hide-form" label={c.t('consultations.moderation.hide')}>
          <label for={`reason-${comment.id}`} class="visually-hidden" safe>
            {c.t('consultations.moderation.reason')}
          </label>
          <input id={`reason-${comment.id}`} name="reason" class="input short" placeholder={c.t('consultations.moderation.reason')} maxlength="500" />
          <button type="submit" class="button small warning" safe>
            {c.t('consultations.moderation.hide')}
          </button>
        </Form>
      ) : (
        <Form c={c} action={c.href(`${b}/comments/${comment.id}/restore`)} class="inline">
          <button type="submit" class="button small secondary" safe>
            {c.t('consultations.moderation.restore')}
          </button>
        </Form>
      )}
    </>
  );
}

export interface CommentingState {
  /** May write now (signed in, in the audience, window open). */
  mayComment: boolean;
  signedIn: boolean;
  hasProfile: boolean;
  moderator: boolean;
  /** Why they may not, when signed in: closed, coming, or not in the audience. */
  why?: 'closed' | 'coming' | 'audience';
}

/** A paragraph (or, with `block` null, the whole report) with its comments and the form to comment, reply or answer a question. */
export function CommentsPage(props: { c: PageContext; page: Page; block: IdentifiedBlock | null; comments: CommentsOn; questions: GuidingQuestion[]; state: CommentingState; form: FormState; replyTo?: CommentView; notice?: string }) {
  const { c, page, block, questions, state, form } = props;
  const { comments } = props.comments;
  const b = base(page.consultation);
  const title = block ? c.t('consultations.paragraphTitle', { title: page.text.title }) : c.t('consultations.generalTitle', { title: page.text.title });
  const action = c.href(block ? `${b}/p/${block.id}` : `${b}/general`);
  const labels = { body: c.t('consultations.fields.body'), locale: c.t('consultations.fields.locale'), questionId: c.t('consultations.fields.question') };
  return (
    <Layout c={c} title={title} form={form} labels={labels} before={<BackLink href={c.href(block ? readHref(page, block.id) : b)} label={page.text.title} />}>
      {props.notice ? <Banner kind={props.notice === 'flagged' || props.notice === 'posted' ? 'success' : props.notice === 'waiting' ? 'info' : 'warning'} title={c.t(`consultations.notices.${props.notice}`)} /> : ''}
      <h1 safe>{c.t(block ? 'consultations.paragraphHeading' : 'consultations.generalHeading')}</h1>
      {block ? (
        <QuotedBlock c={c} page={page} block={block} />
      ) : (
        <p safe>{c.t('consultations.generalIntro')}</p>
      )}
      {questions.length ? (
        <section aria-labelledby="questions" class="questions">
          <h2 id="questions" safe>
            {c.t('consultations.questionsTitle')}
          </h2>
          <ul>
            {questions.map((q) => (
              <li>{questionText(c, q, page.consultation.originalLocale)}</li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <section aria-labelledby="comments">
        <h2 id="comments">
          {c.th('consultations.commentsTitle', { n: props.comments.total })}
        </h2>
        {comments.length ? (
          <ol class="comments">
            {comments.map((x) => (
              <CommentItem c={c} page={page} comment={x} mayReply={state.mayComment} mayFlag={state.signedIn} moderator={state.moderator} pageNo={props.comments.page} />
            ))}
          </ol>
        ) : (
          <p safe>{c.t('consultations.noComments')}</p>
        )}
        <Pagination c={c} page={props.comments.page} pageSize={COMMENTS_PAGE_SIZE} total={props.comments.threads} href={(n) => `${action}?page=${n}#comments`} />
      </section>
      <section aria-labelledby="comment-form" class="comment-form">
        <h2 id="comment-form" tabindex="-1" safe>
          {props.replyTo ? c.t('consultations.replyTitle') : c.t('consultations.writeTitle')}
        </h2>
        <CommentForm c={c} action={action} page={page} state={state} form={form} questions={questions} replyTo={props.replyTo} block={block} pageNo={props.comments.page} />
      </section>
    </Layout>
  );
}

/** The paragraph commented on, as in the report, with the footnotes it refers to. */
function QuotedBlock({ c, page, block }: { c: PageContext; page: Page; block: IdentifiedBlock }) {
  const { html, at } = drawn(c, page);
  const i = at.get(block.id)!;
  const notes = notesOutside(page.text.blocks, html, [i]);
  return (
    <blockquote class="quoted-block" {...textAttrs(c, page.text.locale)}>
      {html[i] as 'safe'}
      {notes.length ? <div class="notes">{notes.map((n) => html[n] as 'safe')}</div> : ''}
    </blockquote>
  );
}

function CommentForm(props: { c: PageContext; action: string; page: Page; state: CommentingState; form: FormState; questions: GuidingQuestion[]; replyTo?: CommentView; block: IdentifiedBlock | null; pageNo: number }) {
  const { c, state, form, page } = props;
  const here = props.action;
  // Back to this very page after signing in or filling the profile, with the passage chosen (its query) kept.
  const back = `${c.href(c.path.split('#')[0]!)}#comment-form`;
  if (!state.signedIn) {
    return (
      <>
        <p safe>{c.t('consultations.signInToComment')}</p>
        <p>
          <a class="button primary" href={c.href(`/consultations/take-part?next=${encodeURIComponent(back)}`)} safe>
            {c.t('consultations.takePart')}
          </a>
        </p>
      </>
    );
  }
  if (!state.mayComment) return <p safe>{c.t(`consultations.cannot.${state.why ?? 'audience'}`)}</p>;
  if (!state.hasProfile) {
    return (
      <>
        <p safe>{c.t('consultations.profileFirst')}</p>
        <p>
          <a class="button primary" href={c.href(`/consultations/profile?next=${encodeURIComponent(back)}`)} safe>
            {c.t('consultations.profileLink')}
          </a>
        </p>
      </>
    );
  }
  const quote = String(form.values.exact ?? '');
  const values = { ...form, values: { locale: c.locale, ...form.values } };
  return (
    <Form c={c} action={here} label={c.t('consultations.writeTitle')}>
      {props.replyTo ? (
        <p class="hint">
          <span safe>{c.t('consultations.replyingTo')}</span> <span safe>{props.replyTo.body.slice(0, 140)}</span>
          <input type="hidden" name="parentId" value={props.replyTo.id} />
          <input type="hidden" name="page" value={String(props.pageNo)} />
        </p>
      ) : (
        ''
      )}
      {quote ? (
        <div class="field">
          <p class="label-like" safe>
            {c.t('consultations.onPassage')}
          </p>
          <blockquote class="quote" {...textAttrs(c, page.text.locale)}>
            <p safe>{quote}</p>
          </blockquote>
          <input type="hidden" name="exact" value={quote} />
          <input type="hidden" name="quoteLocale" value={page.text.locale} />
          <input type="hidden" name="prefix" value={String(form.values.prefix ?? '')} />
          <input type="hidden" name="suffix" value={String(form.values.suffix ?? '')} />
        </div>
      ) : (
        ''
      )}
      {props.questions.length && !props.replyTo ? (
        <Select
          c={c}
          name="questionId"
          label={c.t('consultations.fields.question')}
          placeholder={c.t('consultations.fields.noQuestion')}
          options={props.questions.map((q) => {
            const text = c.text(q.text, page.consultation.originalLocale);
            // An untranslated question keeps its own language (an option holds no markup to mark it otherwise).
            return { value: q.id, label: text.text, lang: text.lang === c.locale ? undefined : text.lang };
          })}
          form={values}
        />
      ) : (
        ''
      )}
      <Textarea c={c} name="body" label={c.t('consultations.fields.body')} hint={c.t('consultations.fields.bodyHint')} rows={6} maxlength={6000} form={values} />
      <Select c={c} name="locale" label={c.t('consultations.fields.locale')} options={LOCALES.map((l) => ({ value: l, label: languageName(c.locale, l) }))} form={values} />
      <p class="hint">
        <span safe>{c.t(page.consultation.moderation === 'pre' ? 'consultations.preModerated' : 'consultations.postModerated')}</span>{' '}
        <a href={c.href('/consultations/code-of-conduct')} safe>
          {c.t('consultations.conduct.link')}
        </a>
      </p>
      <Button label={c.t('consultations.send')} />
    </Form>
  );
}

/** The commenter's profile, asked once. */
export function ProfilePage({ c, form, next }: { c: PageContext; form: FormState; next: string }) {
  const labels = { stakeholderGroup: c.t('consultations.profile.group'), country: c.t('consultations.profile.country'), organization: c.t('consultations.profile.organization'), onBehalf: c.t('consultations.profile.onBehalf'), display: c.t('consultations.profile.display') };
  return (
    <Layout c={c} title={c.t('consultations.profile.title')} form={form} labels={labels}>
      <h1 safe>{c.t('consultations.profile.title')}</h1>
      <p safe>{c.t('consultations.profile.intro')}</p>
      <Form c={c} action={c.href(`/consultations/profile?next=${encodeURIComponent(next)}`)} label={c.t('consultations.profile.title')}>
        <Select c={c} name="stakeholderGroup" label={labels.stakeholderGroup} placeholder="—" options={STAKEHOLDER_GROUPS.map((g) => ({ value: g, label: c.t(`consultations.groups.${g}`) }))} form={form} />
        <Select c={c} name="country" label={labels.country} hint={c.t('consultations.profile.countryHint')} placeholder="—" options={countryOptions(c.locale)} form={form} />
        <TextInput c={c} name="organization" label={labels.organization} width="full" maxlength={200} form={form} />
        <Radios c={c} name="onBehalf" label={labels.onBehalf} options={ON_BEHALF.map((o) => ({ value: o, label: c.t(`consultations.profile.onBehalfOptions.${o}`) }))} form={form} />
        <Radios c={c} name="display" label={labels.display} options={DISPLAY.map((o) => ({ value: o, label: c.t(`consultations.profile.displayOptions.${o}`) }))} form={form} />
        <Checkboxes c={c} name="outcomeMail" label={c.t('consultations.profile.outcomeMailLegend')} options={[{ value: 'yes', label: c.t('consultations.profile.outcomeMail') }]} form={form} />
        <Button label={c.t('consultations.profile.save')} />
      </Form>
    </Layout>
  );
}

/** Taking part without an account: a name and an address, and a sign-in link by e-mail. */
export function TakePartPage({ c, form, next, sent }: { c: PageContext; form: FormState; next: string; sent?: boolean }) {
  const labels = { name: c.t('consultations.takePartForm.name'), email: c.t('consultations.takePartForm.email') };
  return (
    <Layout c={c} title={c.t('consultations.takePart')} form={form} labels={labels}>
      <h1 safe>{c.t('consultations.takePart')}</h1>
      {sent ? (
        <Banner kind="success" title={c.t('consultations.takePartForm.sent')} />
      ) : (
        <>
          <p safe>{c.t('consultations.takePartForm.intro')}</p>
          <Form c={c} action={c.href(`/consultations/take-part?next=${encodeURIComponent(next)}`)} label={c.t('consultations.takePart')}>
            <TextInput c={c} name="name" label={labels.name} width="full" maxlength={120} autocomplete="name" form={form} />
            <TextInput c={c} name="email" label={labels.email} type="email" width="full" autocomplete="email" spellcheck={false} form={form} />
            <Button label={c.t('consultations.takePartForm.submit')} />
          </Form>
          <p>
            <a href={c.href(`/sign-in?next=${encodeURIComponent(next)}`)} safe>
              {c.t('consultations.takePartForm.haveAccount')}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

/** Opening a consultation on a version, or changing its settings. */
export function SettingsPage(props: { c: PageContext; title: string; action: string; back: string; headings: IdentifiedBlock[]; form: FormState; link?: string; originalLocale: string; moderateHref?: string; inviteHref?: string }) {
  const { c, form } = props;
  const labels: Record<string, string> = {
    opensAt: c.t('consultations.settings.opensAt'),
    closesAt: c.t('consultations.settings.closesAt'),
    audience: c.t('consultations.settings.audience'),
    moderation: c.t('consultations.settings.moderation'),
    summary: c.t('consultations.settings.summary'),
    questions: c.t('consultations.settings.questionsGeneral'),
  };
  for (const h of props.headings) labels[`q_${h.id}`] = c.t('consultations.settings.questionsOn', { section: h.text });
  return (
    <Layout c={c} title={props.title} form={form} labels={labels} before={<BackLink href={c.href(props.back)} label={c.t('consultations.settings.back')} />}>
      <h1 safe>{props.title}</h1>
      {props.moderateHref || props.inviteHref ? (
        <div class="actions">
          {props.moderateHref ? (
            <a class="button secondary" href={c.href(props.moderateHref)} safe>
              {c.t('consultations.settings.moderateLink')}
            </a>
          ) : (
            ''
          )}
          {props.inviteHref ? (
            <a class="button secondary" href={c.href(props.inviteHref)} safe>
              {c.t('consultations.settings.inviteLink')}
            </a>
          ) : (
            ''
          )}
        </div>
      ) : (
        ''
      )}
      {props.link ? (
        <Banner kind="info" title={c.t('consultations.settings.linkTitle')}>
          <p>
            <code safe>{props.link}</code>
          </p>
        </Banner>
      ) : (
        ''
      )}
      <Form c={c} action={c.href(props.action)} label={props.title}>
        <TextInput c={c} name="opensAt" type="datetime-local" label={labels.opensAt!} hint={c.t('consultations.settings.utc')} form={form} />
        <TextInput c={c} name="closesAt" type="datetime-local" label={labels.closesAt!} hint={c.t('consultations.settings.utc')} form={form} />
        <Radios c={c} name="audience" label={labels.audience!} options={CONSULTATION_AUDIENCES.map((a) => ({ value: a, label: c.t(`consultations.settings.audiences.${a}`) }))} form={form} />
        <Radios c={c} name="moderation" label={labels.moderation!} options={MODERATION.map((m) => ({ value: m, label: c.t(`consultations.settings.moderations.${m}`) }))} form={form} />
        <Textarea c={c} name="summary" label={labels.summary!} hint={c.t('consultations.settings.summaryHint')} rows={4} maxlength={2000} form={form} />
        <Textarea c={c} name="questions" label={labels.questions!} hint={c.t('consultations.settings.questionsHint')} rows={3} maxlength={4000} form={form} />
        <>
          {props.headings.map((h) => (
            <Textarea c={c} name={`q_${h.id}`} label={labels[`q_${h.id}`]!} rows={2} maxlength={4000} form={form} />
          ))}
        </>
        <Button label={c.t('consultations.settings.save')} />
      </Form>
    </Layout>
  );
}

/** The moderators' page: waiting, flagged and hidden comments. */
export function ModerationPage({ c, page, queue, notice }: { c: PageContext; page: Page; queue: { waiting: CommentRow[]; flagged: (CommentRow & { flags: number; reasons: string[] })[]; hidden: CommentRow[] }; notice?: string }) {
  const b = base(page.consultation);
  const title = c.t('consultations.moderation.title', { title: page.version.title });
  const list = (rows: (CommentRow & { flags?: number; reasons?: string[] })[]) =>
    rows.length ? (
      <ol class="comments">
        {rows.map((r) => (
          <li class={`comment ${r.state}`}>
            <p class="comment-author">
              <strong safe>{r.authorName || c.t('consultations.moderation.erased')}</strong>
              <span class="hint" safe>{` · ${formatDateTime(c.locale, r.createdAt, 'UTC')}`}</span>
              {r.blockId ? (
                <>
                  {' · '}
                  <a href={c.href(`${b}/p/${r.blockId}#c-${r.id}`)} safe>
                    {c.t('consultations.moderation.inContext')}
                  </a>
                </>
              ) : (
                ''
              )}
            </p>
            {r.flags ? <p class="tag warn">{c.th('consultations.moderation.flags', { n: r.flags, reasons: (r.reasons ?? []).join(' · ') })}</p> : ''}
            {r.hiddenReason ? <p class="hint">{c.th('consultations.hiddenBecause', { reason: r.hiddenReason })}</p> : ''}
            <div class="comment-body pre-line" lang={r.locale === c.locale ? undefined : r.locale} safe>
              {r.body}
            </div>
            <div class="actions">
              <ModerationButtons c={c} consultation={page.consultation} comment={r} flagged={!!r.flags} />
            </div>
          </li>
        ))}
      </ol>
    ) : (
      <p safe>{c.t('admin.none')}</p>
    );
  return (
    <Layout c={c} title={title} before={<BackLink href={c.href(b)} label={page.version.title} />}>
      {notice ? <Banner kind={notice === 'reason' || notice === 'gone' ? 'warning' : 'success'} title={c.t(`consultations.moderation.notices.${notice}`)} /> : ''}
      <h1>{c.th('consultations.moderation.title', { title: page.version.title })}</h1>
      <p safe>{c.t('consultations.moderation.intro')}</p>
      <h2>{c.th('consultations.moderation.waiting', { n: queue.waiting.length })}</h2>
      {list(queue.waiting)}
      <h2>{c.th('consultations.moderation.flagged', { n: queue.flagged.length })}</h2>
      {list(queue.flagged)}
      <h2>{c.th('consultations.moderation.hidden', { n: queue.hidden.length })}</h2>
      {list(queue.hidden)}
    </Layout>
  );
}

/** The dimensions figures are counted by: stakeholder group, region, income group. */
export type FigureDimension = 'group' | 'region' | 'income';

/** The name of a group of commenters in the figures ("Other" for the small groups merged). */
export function figureLabel(t: Translate, locale: Locale, kind: FigureDimension, key: string): string {
  if (key === 'other') return t('consultations.figures.other');
  return kind === 'group' ? t(`consultations.groups.${key}`) : kind === 'region' ? regionName(key as UnescoRegion, locale) : incomeGroupName(key as IncomeGroup, locale);
}

/** The figures' charts (server-side SVG, each with its table): by stakeholder group, region and income group. */
export function figureCharts(c: Pick<PageContext, 'locale' | 't'>, figures: Figures): Promise<JSX.Element[]> {
  const chart = (kind: FigureDimension, key: string, rows: Figure[]) =>
    barChart(c, { title: c.t(`consultations.figures.${key}`), labelHeader: c.t(`consultations.figures.${key}Label`), valueHeader: c.t('consultations.figures.comments'), data: rows.map((f) => ({ label: figureLabel(c.t, c.locale, kind, f.key), value: f.comments })), horizontal: true });
  return Promise.all([chart('group', 'byGroup', figures.byStakeholder), chart('region', 'byRegion', figures.byRegion), chart('income', 'byIncome', figures.byIncome)]);
}

/** Who took part: by section, stakeholder group, region and income group (charts with their tables). */
export function FiguresPage({ c, page, figures, charts, now }: { c: PageContext; page: Page; figures: Figures; charts: JSX.Element[]; now: Date }) {
  const title = c.t('consultations.figures.title', { title: page.version.title });
  const attrs = textAttrs(c, page.report.originalLocale);
  return (
    <Layout c={c} title={title} before={<BackLink href={c.href(base(page.consultation))} label={page.version.title} />}>
      <h1>{c.th('consultations.figures.title', { title: page.version.title })}</h1>
      <WindowLine c={c} consultation={page.consultation} now={now} />
      <p>{c.th(isOpen(page.consultation, now) ? 'consultations.figures.soFar' : 'consultations.figures.total', { people: figures.people, comments: figures.comments })}</p>
      <p class="hint">
        {c.th('consultations.figures.privacy', { n: 5 })}
      </p>
      <div class="charts">{charts.join('') as 'safe'}</div>
      <Table
        caption={c.t('consultations.figures.bySection')}
        head={[c.t('consultations.figures.section'), c.t('consultations.figures.comments')]}
        numeric={[1]}
        rows={[
          ...figures.bySection.map((s) => [
            s.title ? (
              <a href={c.href(`${base(page.consultation)}#${s.blockId}`)} {...attrs} safe>
                {s.title}
              </a>
            ) : (
              esc(c.t('consultations.figures.introduction'))
            ),
            esc(formatNumber(c.locale, s.comments)),
          ]),
          [esc(c.t('consultations.figures.general')), esc(formatNumber(c.locale, figures.general))],
        ]}
      />
    </Layout>
  );
}

/** Asking for the report by e-mail, one section per message, to answer by replying. */
export function ByEmailPage({ c, page, state, notice, sections }: { c: PageContext; page: Page; state: CommentingState; notice?: string; sections: number }) {
  const b = base(page.consultation);
  const title = c.t('consultations.byEmailPage.title');
  const here = c.href(`${b}/by-email`);
  return (
    <Layout c={c} title={title} before={<BackLink href={c.href(b)} label={page.version.title} />}>
      {notice ? <Banner kind={notice === 'sent' ? 'success' : 'warning'} title={c.t(`consultations.byEmailPage.notices.${notice}`)} /> : ''}
      <h1 safe>{title}</h1>
      <p>{c.th('consultations.byEmailPage.intro', { n: sections })}</p>
      <p safe>{c.t('consultations.byEmailPage.privacy')}</p>
      {!state.signedIn ? (
        <p>
          <a class="button primary" href={c.href(`/consultations/take-part?next=${encodeURIComponent(here)}`)} safe>
            {c.t('consultations.takePart')}
          </a>
        </p>
      ) : !state.mayComment ? (
        <p safe>{c.t(`consultations.cannot.${state.why ?? 'audience'}`)}</p>
      ) : !state.hasProfile ? (
        <p>
          <a class="button primary" href={c.href(`/consultations/profile?next=${encodeURIComponent(here)}`)} safe>
            {c.t('consultations.profileLink')}
          </a>
        </p>
      ) : (
        <Form c={c} action={here} label={title}>
          <Button label={c.t('consultations.byEmailPage.submit', { n: sections })} />
        </Form>
      )}
    </Layout>
  );
}

export interface InviteChoices {
  groups: { slug: string; name: string }[];
  meetings: { id: string; name: string }[];
  topics: readonly string[];
}

/** The Secretariat invites an audience (the newsletter's audiences, so only people who agreed to mail): first how many it reaches, then send. */
export function InvitePage({ c, page, choices, form, preview, notice }: { c: PageContext; page: Page; choices: InviteChoices; form: FormState; preview?: { reach: number; already: number }; notice?: string }) {
  const b = base(page.consultation);
  const title = c.t('consultations.invite.title', { title: page.version.title });
  const labels = { membership: c.t('consultations.invite.membership'), workingGroupSlug: c.t('consultations.invite.group'), meetingId: c.t('consultations.invite.meeting'), topics: c.t('consultations.invite.topics') };
  return (
    <Layout c={c} title={title} form={form} labels={labels} before={<BackLink href={c.href(`${b}/settings`)} label={c.t('consultations.settings.back')} />}>
      {notice ? <Banner kind="success" title={c.t('consultations.invite.sent', { n: Number(notice) || 0 })} /> : ''}
      <h1>{c.th('consultations.invite.title', { title: page.version.title })}</h1>
      <p safe>{c.t('consultations.invite.intro')}</p>
      {preview ? (
        <Banner kind="info" title={c.t('consultations.invite.preview', { reach: preview.reach, new: preview.reach - preview.already })} />
      ) : (
        ''
      )}
      <Form c={c} action={c.href(`${b}/invite`)} label={title}>
        <Radios c={c} name="membership" label={labels.membership} options={[{ value: '', label: c.t('consultations.invite.anyone') }, { value: 'members', label: c.t('consultations.invite.members') }, { value: 'others', label: c.t('consultations.invite.others') }]} form={form} />
        <Select c={c} name="workingGroupSlug" label={labels.workingGroupSlug} placeholder={c.t('consultations.invite.any')} options={choices.groups.map((g) => ({ value: g.slug, label: g.name }))} form={form} />
        <Select c={c} name="meetingId" label={labels.meetingId} hint={c.t('consultations.invite.meetingHint')} placeholder={c.t('consultations.invite.any')} options={choices.meetings.map((m) => ({ value: m.id, label: m.name }))} form={form} />
        <Checkboxes c={c} name="topics" label={labels.topics} options={choices.topics.map((t) => ({ value: t, label: c.t(`newsletter.topics.${t}`) }))} form={form} />
        <div class="actions">
          <Button name="step" value="preview" label={c.t('consultations.invite.count')} variant="secondary" />
          {preview && preview.reach > preview.already ? <Button name="step" value="send" label={c.t('consultations.invite.send', { n: preview.reach - preview.already })} /> : ''}
        </div>
      </Form>
    </Layout>
  );
}

/**
 * The consultations held on a report (on its page) or on a group's reports (on the group's page):
 * their dates and a link — no "open now": the panel is kept with the page until data changes.
 */
export function ConsultationsPanel({ c, list, heading }: { c: PanelContext; list: (ConsultationView & { title: string; number: number })[]; heading: 'report' | 'group' }) {
  if (!list.length) return '';
  const id = `consultations-${heading}`;
  return (
    <section aria-labelledby={id} class="panel">
      <h2 id={id} safe>
        {c.t('consultations.panel.title')}
      </h2>
      <ul>
        {list.map((k) => (
          <li>
            <a href={c.href(base(k))} safe>
              {heading === 'group' ? c.t('consultations.panel.onReport', { title: k.title, n: k.number }) : c.t('consultations.panel.onVersion', { n: k.number })}
            </a>{' '}
            <span class="hint">
              {c.th('consultations.panel.dates', { opens: formatDate(c.locale, k.opensAt, 'UTC'), closes: formatDate(c.locale, k.closesAt, 'UTC') })}
            </span>
            <ResponsesLink c={c} consultation={k} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The rules every comment follows, and what moderators do when one does not. */
export function CodeOfConductPage({ c }: { c: PageContext }) {
  const rules = ['respect', 'text', 'evidence', 'privacy', 'advertising', 'language'] as const;
  return (
    <Layout c={c} title={c.t('consultations.conduct.title')} before={<BackLink href={c.href('/consultations')} label={c.t('consultations.title')} />}>
      <h1 safe>{c.t('consultations.conduct.title')}</h1>
      <p safe>{c.t('consultations.conduct.intro')}</p>
      <ol>
        {rules.map((r) => (
          <li safe>{c.t(`consultations.conduct.rules.${r}`)}</li>
        ))}
      </ol>
      <h2 safe>{c.t('consultations.conduct.moderationTitle')}</h2>
      <p safe>{c.t('consultations.conduct.moderation')}</p>
    </Layout>
  );
}

/** Reporting one comment to the moderators, with a reason if the reader wants to give one. */
export function FlagPage({ c, page, comment }: { c: PageContext; page: Page; comment: { id: string; body: string; locale: string; blockId: string | null } }) {
  const b = base(page.consultation);
  const title = c.t('consultations.flagPage.title');
  const back = comment.blockId ? `${b}/p/${comment.blockId}#c-${comment.id}` : `${b}/general#c-${comment.id}`;
  return (
    <Layout c={c} title={title} labels={{ reason: c.t('consultations.flagPage.reason') }} before={<BackLink href={c.href(back)} label={page.text.title} />}>
      <h1 safe>{title}</h1>
      <blockquote class="quote" lang={comment.locale === c.locale ? undefined : comment.locale}>
        <p class="pre-line" safe>
          {comment.body}
        </p>
      </blockquote>
      <p safe>{c.t('consultations.flagPage.intro')}</p>
      <Form c={c} action={c.href(`${b}/comments/${comment.id}/flag`)} label={title}>
        <TextInput c={c} name="reason" label={c.t('consultations.flagPage.reason')} hint={c.t('consultations.flagPage.reasonHint')} width="full" maxlength={500} form={emptyForm()} />
        <Button label={c.t('consultations.flagPage.submit')} />
      </Form>
    </Layout>
  );
}
