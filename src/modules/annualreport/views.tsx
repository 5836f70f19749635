import type { PageContext } from '../../platform/http/page.js';
import { LOCALE_NAMES } from '../../platform/i18n/locales.js';
import { Layout } from '../../platform/ui/layout.js';
import { Table } from '../../platform/ui/components.js';
import type { ReportYear } from './service.js';

/** The list of years: what each year's report covers, and its PDF in each language offered. */
export function AnnualReportPage({ c, years }: { c: PageContext; years: ReportYear[] }) {
  const title = c.t('annualReport.title');
  return (
    <Layout c={c} title={title} admin>
      <h1 safe>{title}</h1>
      <p safe>{c.t('annualReport.intro')}</p>
      <Table
        caption={c.t('annualReport.years.caption')}
        empty={c.t('annualReport.years.none')}
        head={[c.t('annualReport.years.year'), c.t('annualReport.years.covers'), c.t('annualReport.years.download')]}
        rows={years.map((y) => [
          <>
            <span safe>{String(y.year)}</span>
            {y.partial ? (
              <>
                <br />
                <span class="hint" safe>
                  {c.t('annualReport.years.partial')}
                </span>
              </>
            ) : (
              ''
            )}
          </>,
          <ul>
            {y.counted ? <li safe>{c.t('annualReport.years.figures')}</li> : ''}
            {y.sections
              .filter((s) => s.count > 0)
              .map((s) => (
                <li safe>{c.t('annualReport.years.section', { section: s.title, n: s.count })}</li>
              ))}
          </ul>,
          <ul class="language-versions">
            {y.languages.map((l) => (
              <li>
                <a href={c.href(`/admin/annual-report/${y.year}.pdf?lang=${l}`)} hreflang={l} type="application/pdf">
                  <span class="visually-hidden" safe>
                    {`${c.t('annualReport.years.linkContext', { year: y.year })} `}
                  </span>
                  <span lang={l} safe>
                    {LOCALE_NAMES[l]}
                  </span>
                  <span class="visually-hidden" safe>
                    {` ${c.t('annualReport.years.pdf')}`}
                  </span>
                </a>
              </li>
            ))}
          </ul>,
        ])}
      />
      <p class="hint" safe>
        {c.t('annualReport.languagesHint')}
      </p>
    </Layout>
  );
}
