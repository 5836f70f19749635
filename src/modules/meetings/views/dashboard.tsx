import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { BackLink, SummaryList, esc } from '../../../platform/ui/components.js';
import { formatNumber } from '../../../platform/i18n/format.js';

/** The Secretariat's dashboard: each chart is already rendered (SVG + its table). */
export function DashboardPage({ c, title, slug, charts, waiting }: { c: PageContext; title: string; slug: string; charts: JSX.Element[]; waiting: number }) {
  return (
    <Layout c={c} title={c.t('meetings.dashboard.title', { meeting: title })} admin before={<BackLink href={c.href(`/admin/meetings/${slug}/registrations`)} label={c.t('common.back')} />}>
      <h1 safe>{c.t('meetings.dashboard.title', { meeting: title })}</h1>
      <SummaryList rows={[[c.t('meetings.dashboard.waiting'), esc(formatNumber(c.locale, waiting))]]} />
      <div class="charts">{charts as unknown as 'safe'}</div>
    </Layout>
  );
}
