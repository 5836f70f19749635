import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { BackLink } from '../../../platform/ui/components.js';
import { formatNumber } from '../../../platform/i18n/format.js';

/** What the Secretariat looks at first: places taken, the waiting list, lunches to order, money promised. */
export interface Headline {
  confirmed: number;
  /** null: the meeting has no limit of places. */
  capacity: number | null;
  waiting: number;
  /** Lunches ordered by confirmed participants, per day of the meeting. */
  lunches: number[];
  /** Formatted in the meeting's currency. */
  financing: { committed: string; budget: string };
}

/** The Secretariat's dashboard: the key figures, then each chart already rendered (SVG, and its table to open). */
export function DashboardPage({ c, title, slug, charts, headline: h }: { c: PageContext; title: string; slug: string; charts: JSX.Element[]; headline: Headline }) {
  const n = (x: number) => formatNumber(c.locale, x);
  const figures: [string, string][] = [
    [c.t('meetings.dashboard.confirmed'), h.capacity === null ? n(h.confirmed) : c.t('meetings.dashboard.partOf', { part: n(h.confirmed), total: n(h.capacity) })],
    [c.t('meetings.dashboard.waiting'), n(h.waiting)],
    [c.t('meetings.dashboard.lunches'), h.lunches.map((count, i) => c.t('meetings.dashboard.lunchDay', { n: n(i + 1), count: n(count) })).join('\n')],
    [c.t('meetings.dashboard.committed'), c.t('meetings.dashboard.partOf', { part: h.financing.committed, total: h.financing.budget })],
  ];
  return (
    <Layout c={c} title={c.t('meetings.dashboard.title', { meeting: title })} admin before={<BackLink href={c.href(`/admin/meetings/${slug}/registrations`)} label={c.t('common.back')} />}>
      <h1>{c.th('meetings.dashboard.title', { meeting: title })}</h1>
      <h2 class="visually-hidden" safe>
        {c.t('meetings.dashboard.headline')}
      </h2>
      <dl class="headline">
        {figures.map(([label, value]) => (
          <div>
            <dt safe>{label}</dt>
            <dd safe>{value}</dd>
          </div>
        ))}
      </dl>
      <div class="charts">{charts as unknown as 'safe'}</div>
    </Layout>
  );
}
