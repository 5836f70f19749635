import type { Executor } from '../../db/client.js';
import type { I18nText } from '../../platform/i18n/content.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { publicationCalls, publicationSeries, type SeriesKind } from './schema.js';

const DAY = 86_400_000;

/** A series for the demo and for tests (the Secretariat's own screen for series comes later). */
export async function addSeries(db: Executor, s: { slug: string; kind?: SeriesKind; prefix: string; title: I18nText; description?: I18nText; originalLocale?: Locale; workingGroupId?: string }): Promise<string> {
  const [row] = await db
    .insert(publicationSeries)
    .values({ slug: s.slug, kind: s.kind ?? 'compendium', prefix: s.prefix, title: s.title, description: s.description ?? {}, originalLocale: s.originalLocale ?? 'en', workingGroupId: s.workingGroupId ?? null })
    .returning({ id: publicationSeries.id });
  return row!.id;
}

/** A call for briefs in a series, open from `opensInDays` (negative: already open) for `days` days. */
export async function addCall(db: Executor, c: { seriesId: string; slug: string; title: I18nText; theme?: I18nText; opensInDays?: number; days?: number; originalLocale?: Locale }): Promise<string> {
  const opensAt = new Date(Date.now() + (c.opensInDays ?? -1) * DAY);
  const [row] = await db
    .insert(publicationCalls)
    .values({ seriesId: c.seriesId, slug: c.slug, title: c.title, theme: c.theme ?? {}, originalLocale: c.originalLocale ?? 'en', opensAt, closesAt: new Date(opensAt.getTime() + (c.days ?? 60) * DAY) })
    .returning({ id: publicationCalls.id });
  return row!.id;
}
