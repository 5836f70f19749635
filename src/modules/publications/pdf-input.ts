/**
 * The PDF generated from a published version's texts, for a version without an uploaded PDF: what
 * goes in it (written out here, in the item's language, for the renderer in pdf.ts) and who may have
 * it. A published version never changes, so its file is the same every time: a job draws it once
 * when the version is published and keeps it in the files store, its size on the version's row (the
 * landing page shows it); readers' caches may keep an older version's for good.
 */
import type { Token, Tokens } from 'marked';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { lexMarkdown, type FootnoteRefToken, type FootnoteToken } from '../../platform/documents/blocks.js';
import { localize } from '../../platform/i18n/content.js';
import { formatDate } from '../../platform/i18n/format.js';
import { direction, type Locale } from '../../platform/i18n/locales.js';
import { translator } from '../../platform/i18n/messages.js';
import type { MaybeActor } from '../../platform/policy.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import type { FileStore } from '../../platform/files/storage.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import { apaCitation } from './citations.js';
import { briefPdf, type BriefBlock, type BriefPdfInput } from './pdf.js';
import { isItemKey } from './reading.js';
import { publications, publicationVersions } from './schema.js';
import { landing, type Landing } from './service.js';

/** How each language separates the keywords of a list. */
const KEYWORD_SEPARATOR: Partial<Record<Locale, string>> = { ar: '، ', zh: '、' };

/** The recommendations, one per line, without the bullets or numbers they were typed with. */
const recommendationLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter(Boolean);

/** Paragraphs of a plain text: blank lines between them, line breaks kept. */
const plainParagraphs = (text: string): BriefBlock[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: 'paragraph', text: p }));

/**
 * Inline Markdown as text: emphasis dropped, a link's address after its words when they differ, a
 * picture as its description in brackets, a footnote reference as its label in brackets.
 */
function inline(tokens: readonly Token[] | undefined): string {
  let out = '';
  for (const t of tokens ?? []) {
    if (t.type === 'link') {
      const link = t as Tokens.Link;
      const words = inline(link.tokens);
      out += /^(?:https?|mailto):/i.test(link.href) && link.href.replace(/^mailto:/i, '') !== words ? `${words} (${link.href})` : words;
    } else if (t.type === 'image') out += (t as Tokens.Image).text ? `[${(t as Tokens.Image).text}]` : '';
    else if (t.type === 'footnoteRef') out += `[${(t as FootnoteRefToken).label}]`;
    else if (t.type === 'br') out += '\n';
    else if (t.type === 'html') out += (t as Tokens.HTML).text.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '');
    else if ('tokens' in t && Array.isArray(t.tokens)) out += inline(t.tokens);
    else if ('text' in t && typeof t.text === 'string') out += t.type === 'escape' || t.type === 'codespan' ? t.text : decodeEntities(t.text);
  }
  return out;
}

/** marked leaves a text's characters escaped as HTML entities (&amp;, &#39;…): the PDF shows them as characters. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (_m, dec: string, hex: string, name: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()]!,
  );
}

/** Text of some blocks (a list item's, a quotation's), paragraphs on lines of their own. */
function blockText(tokens: readonly Token[]): string {
  return tokens
    .map((t) => (t.type === 'list' ? (t as Tokens.List).items.map((item) => blockText(item.tokens)).join('\n') : t.type === 'space' ? '' : t.type === 'code' ? (t as Tokens.Code).text : inline('tokens' in t && Array.isArray(t.tokens) ? t.tokens : [t])))
    .filter((s) => s.trim())
    .join('\n');
}

/** A Markdown body as the PDF's blocks, in reading order. A heading level 1 belongs to the page: the text's own headings start at 2. */
export function bodyBlocks(markdown: string): BriefBlock[] {
  const blocks: BriefBlock[] = [];
  for (const t of lexMarkdown(markdown)) {
    switch (t.type) {
      case 'heading':
        blocks.push({ kind: 'heading', level: Math.min(Math.max((t as Tokens.Heading).depth, 2), 6), text: inline((t as Tokens.Heading).tokens) });
        break;
      case 'paragraph':
      case 'text':
        blocks.push({ kind: 'paragraph', text: inline((t as Tokens.Paragraph).tokens) });
        break;
      case 'code':
        blocks.push({ kind: 'paragraph', text: (t as Tokens.Code).text });
        break;
      case 'list': {
        const list = t as Tokens.List;
        blocks.push({ kind: 'list', ordered: list.ordered, start: typeof list.start === 'number' ? list.start : 1, items: list.items.map((item) => blockText(item.tokens)) });
        break;
      }
      case 'blockquote':
        blocks.push({ kind: 'quote', text: blockText((t as Tokens.Blockquote).tokens) });
        break;
      case 'table': {
        const table = t as Tokens.Table;
        blocks.push({ kind: 'table', head: table.header.map((cell) => inline(cell.tokens)), rows: table.rows.map((r) => r.map((cell) => inline(cell.tokens))) });
        break;
      }
      case 'footnote':
        blocks.push({ kind: 'paragraph', text: `[${(t as FootnoteToken).label}] ${blockText((t as FootnoteToken).tokens)}` });
        break;
      case 'html':
        blocks.push({ kind: 'paragraph', text: inline([t]) });
        break;
      case 'hr':
        blocks.push({ kind: 'rule' });
        break;
    }
  }
  return blocks.filter((b) => b.kind !== 'paragraph' || b.text.trim());
}

/**
 * What the PDF of a published version says, all in the item's language: title, authors, identifier,
 * series and version; abstract, summary, recommendations and keywords (those written in its
 * language); the body; how to cite it.
 */
export async function briefPdfInput(db: Executor, page: Landing, baseUrl: string): Promise<BriefPdfInput> {
  const { item, version, series } = page;
  const locale = item.locale;
  const t = translator(locale);
  const site = await getSiteSettings(db);
  const texts = version.meta[locale];
  const blocks: BriefBlock[] = [];
  const section = (heading: string, content: BriefBlock[]) => {
    if (content.length) blocks.push({ kind: 'heading', level: 2, text: heading }, ...content);
  };
  section(t('publications.read.abstract'), plainParagraphs(texts?.abstract ?? ''));
  section(t('publications.read.summary'), plainParagraphs(texts?.summary ?? ''));
  const recommendations = recommendationLines(texts?.recommendations ?? '');
  section(t('publications.read.recommendations'), recommendations.length ? [{ kind: 'list', ordered: false, start: 1, items: recommendations }] : []);
  const keywords = (texts?.keywords ?? []).map((k) => k.trim()).filter(Boolean);
  section(t('publications.read.keywords'), keywords.length ? [{ kind: 'paragraph', text: keywords.join(KEYWORD_SEPARATOR[locale] ?? ', ') }] : []);
  blocks.push(...bodyBlocks(version.body));
  section(t('publications.read.cite'), [{ kind: 'paragraph', text: await apaCitation(db, page, locale, baseUrl) }]);
  const seriesTitle = localize(series.title, locale, series.originalLocale).text || series.prefix;
  return {
    locale,
    dir: direction(locale),
    title: texts?.title.trim() || item.number,
    authors: version.authors.map((a) => ({ name: a.name, affiliation: a.affiliation })),
    lead: [`${item.number} · ${seriesTitle}`, t('publications.read.versionLine', { n: version.number, date: formatDate(locale, version.publishedAt, site.timeZone) })],
    blocks,
    keywords,
    footer: item.number,
    issuedAt: version.publishedAt,
  };
}

/** The job that draws a published version's PDF and keeps it (queued by publishing a version without an uploaded PDF). */
export const PDF_JOB = 'publications.pdf';

/** Queues the drawing of a newly published version's PDF, in the transaction that publishes it. */
export async function queueGeneratedPdf(tx: Executor, versionId: string): Promise<void> {
  await enqueueJob(tx, PDF_JOB, { versionId }, { uniqueKey: `${PDF_JOB}:${versionId}` });
}

/**
 * Draws a landing page's version's PDF and keeps it in the files store, its key and size on the
 * version's row. `stored` is the key the row had when it was read (null: none yet): the row is
 * changed only if it still has that one, so of two drawing it at once one keeps its file, and the
 * other's is removed (the same bytes).
 */
async function drawAndStore(db: Executor, files: FileStore, page: Landing, stored: string | null, baseUrl: string): Promise<Buffer> {
  const bytes = await briefPdf(await briefPdfInput(db, page, baseUrl));
  const key = await files.put(bytes);
  const [kept] = await db
    .update(publicationVersions)
    .set({ generatedPdfKey: key, generatedPdfBytes: bytes.length })
    .where(and(eq(publicationVersions.id, page.version.id), stored ? eq(publicationVersions.generatedPdfKey, stored) : isNull(publicationVersions.generatedPdfKey)))
    .returning({ id: publicationVersions.id });
  if (!kept) await files.remove(key);
  if (kept && stored) await files.remove(stored);
  return bytes;
}

/**
 * The job: draws a published version's PDF from its texts and keeps it. Nothing to do when it has
 * one already, or an uploaded PDF, or is no longer published (its PDF is drawn when it is asked for).
 */
export async function storeGeneratedPdf(db: Executor, files: FileStore, versionId: string, baseUrl: string): Promise<void> {
  const [row] = await db
    .select({ number: publications.number, version: publicationVersions.number, pdfKey: publicationVersions.pdfKey, generatedPdfKey: publicationVersions.generatedPdfKey })
    .from(publicationVersions)
    .innerJoin(publications, eq(publications.id, publicationVersions.publicationId))
    .where(eq(publicationVersions.id, versionId));
  if (!row || row.pdfKey || row.generatedPdfKey) return;
  const page = await landing(db, null, row.number, row.version);
  if (!page || page.version.generatedPdfKey) return;
  await drawAndStore(db, files, page, null, baseUrl);
}

export interface GeneratedPdf {
  /** The item's identifier (CI2024-03): the file is named after it. */
  number: string;
  version: number;
  /** Whether this is the item's newest version (its file may change with the next one; an older one's never does). */
  newest: boolean;
  bytes: Buffer;
}

/**
 * The PDF generated from a published item's version — the newest, unless `version` names one —
 * for its download: the kept one, else drawn now and kept (when its job has not run yet). Null
 * when the item or the version does not exist or is not published (a 404, whoever asks), and when
 * the version has an uploaded PDF, which is then its only PDF.
 */
export async function generatedPdf(db: Executor, files: FileStore, actor: MaybeActor, key: string, version: number | undefined, baseUrl: string): Promise<GeneratedPdf | null> {
  if (!isItemKey(key)) return null;
  const page = await landing(db, actor, key, version);
  if (!page || page.version.pdfKey) return null;
  const { generatedPdfKey } = page.version;
  const bytes = (generatedPdfKey ? await files.get(generatedPdfKey) : null) ?? (await drawAndStore(db, files, page, generatedPdfKey, baseUrl));
  return { number: page.item.number, version: page.version.number, newest: page.version.number === page.versions[0]?.number, bytes };
}
