/**
 * The consultation's comments against the report's next version: each comment on a paragraph of
 * the consulted version is placed where its passage now stands (the exact words, the words after a
 * small edit — a fuzzy text-quote match —, or the words moved to another paragraph); a comment on
 * a whole paragraph follows that paragraph while it exists. What cannot be found any more is
 * listed apart as an orphan, with the words it was about, never silently dropped.
 */
import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Executor } from '../../db/client.js';
import type { MaybeActor } from '../../platform/policy.js';
import { currentVersion } from '../../platform/cache/versions.js';
import { anchorQuote, type Anchoring } from '../../platform/documents/anchor.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { reportOf, type VersionView } from '../workinggroups/service.js';
import { consultationComments as cc, consultationResponses, type Disposition, type StakeholderGroup } from './schema.js';
import { consultationPolicy } from './policy.js';
import type { ConsultationPage } from './service.js';
import { toAnswer } from './responses.js';
import { processCache } from '../../platform/cache/process.js';

export interface PlacedComment {
  id: string;
  /** The consulted version's paragraph it was on. */
  blockId: string;
  /** The words it was about (the passage chosen, or the start of the whole paragraph). */
  words: string;
  /** Whether it was about a passage (else the whole paragraph). */
  passage: boolean;
  body: string;
  locale: Locale;
  who: { name: string | null; stakeholderGroup: StakeholderGroup; country: string };
  disposition: Disposition | null;
  /** Where it stands in the next version. */
  at: Anchoring;
}

export interface NextView {
  next: Pick<VersionView, 'id' | 'number' | 'stage' | 'title' | 'blocks' | 'publishedAt'>;
  /** Comments placed in the next version, by its paragraph's id. */
  placed: Map<string, PlacedComment[]>;
  orphans: PlacedComment[];
  /** Comments on the whole report (they have no place in the text). */
  general: number;
  /** Whether the reader may see the answers (public once the report is final). */
  answers: boolean;
}

const WORDS = 160;
const placedFor = processCache(new LRUCache<string, Omit<NextView, 'answers'>>({ max: 8 }));

/**
 * The newest version of the report the reader may see that is newer than the consulted one (a
 * draft for the working group, published versions for everyone), with the comments placed in it;
 * null when there is none.
 */
export async function nextVersionView(db: Executor, actor: MaybeActor, page: ConsultationPage): Promise<NextView | null> {
  const c = page.consultation;
  const versions = (await reportOf(db, actor, { id: c.groupId, closedAt: null }, page.report.slug))?.versions ?? [];
  const next = versions.filter((v) => v.number > page.version.number).at(-1);
  if (!next) return null;
  const answers = consultationPolicy.seeResponses(actor, c);
  const version = await currentVersion(db, 'consultation_comments');
  const key = version === undefined ? undefined : `${c.id}:${next.id}:${next.updatedAt.getTime()}:${version}`;
  const kept = key ? placedFor.get(key) : undefined;
  const made = kept ?? (await place(db, page, next));
  if (key && !kept) placedFor.set(key, made);
  if (answers) return { ...made, answers };
  // Without the answers: the same places, no dispositions.
  const bare = (list: PlacedComment[]) => list.map((p) => ({ ...p, disposition: null }));
  return { ...made, placed: new Map([...made.placed].map(([k, v]) => [k, bare(v)])), orphans: bare(made.orphans), answers };
}

async function place(db: Executor, page: ConsultationPage, next: VersionView): Promise<Omit<NextView, 'answers'>> {
  const c = page.consultation;
  const rows = await db
    .select({ comment: cc, disposition: consultationResponses.disposition })
    .from(cc)
    .leftJoin(consultationResponses, eq(consultationResponses.id, cc.responseId))
    .where(and(toAnswer(c.id), isNotNull(cc.blockId)))
    .orderBy(cc.createdAt);
  const [{ n: general } = { n: 0 }] = await db
    .select({ n: count() })
    .from(cc)
    .where(and(toAnswer(c.id), isNull(cc.blockId)));
  const consulted = new Map(page.version.blocks.map((b) => [b.id, b]));
  const kept = new Set(next.blocks.map((b) => b.id));
  const placed = new Map<string, PlacedComment[]>();
  const orphans: PlacedComment[] = [];
  for (const { comment: x, disposition } of rows) {
    const blockId = x.blockId!;
    // A passage chosen in a translation is looked for by the paragraph it was on (the translation's words are not the original's).
    const quoted = x.quote && (!x.quoteLocale || x.quoteLocale === page.report.originalLocale) ? x.quote : null;
    const at: Anchoring = quoted ? anchorQuote(quoted, next.blocks) : kept.has(blockId) ? { status: 'exact', blockId, start: 0, end: 0 } : { status: 'orphan' };
    const own = consulted.get(blockId)?.text ?? '';
    const p: PlacedComment = {
      id: x.id,
      blockId,
      words: x.quote?.exact ?? (own.length > WORDS ? `${own.slice(0, WORDS).trimEnd()}…` : own),
      passage: !!x.quote,
      body: x.body,
      locale: isLocale(x.locale) ? x.locale : c.originalLocale,
      who: { name: x.display === 'name' && x.authorName ? x.authorName : null, stakeholderGroup: x.stakeholderGroup, country: x.country },
      disposition: disposition ?? null,
      at,
    };
    if (at.status === 'orphan') orphans.push(p);
    else placed.set(at.blockId, [...(placed.get(at.blockId) ?? []), p]);
  }
  return { next, placed, orphans, general };
}
