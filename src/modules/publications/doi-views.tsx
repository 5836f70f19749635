import type { PageContext } from '../../platform/http/page.js';
import { Table, esc } from '../../platform/ui/components.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { doiLink, type DepositRow, type DoiPanel } from './service.js';

const t = (c: PageContext, key: string, values?: Record<string, string | number>) => c.t(`publications.doi.${key}`, values);
const AGENCIES = { crossref: 'Crossref', datacite: 'DataCite' } as const;

function outcomeText(c: PageContext, d: DepositRow): string {
  const agency = AGENCIES[d.agency];
  if (d.outcome === 'queued') return t(c, 'outcomes.queued');
  if (d.outcome === 'accepted') return t(c, 'outcomes.accepted', { agency, status: String(d.status ?? '') });
  if (d.outcome === 'refused') return t(c, 'outcomes.refused', { agency, status: String(d.status ?? '') });
  return d.status ? t(c, 'outcomes.busy', { agency, status: String(d.status) }) : t(c, 'outcomes.unreachable', { agency });
}

/**
 * The DOI of an item on its editors' page: the DOI it has (or will have once published), its
 * metadata for Crossref and DataCite to download once published, and what became of its deposits.
 */
export function DoiSection({ c, panel, itemPath }: { c: PageContext; panel: DoiPanel; itemPath: string }) {
  const agency = AGENCIES[panel.agency];
  return (
    <section aria-labelledby="doi-heading">
      <h2 id="doi-heading" safe>
        {t(c, 'heading')}
      </h2>
      {panel.published ? (
        <>
          <p>
            <a href={doiLink(panel.doi)} dir="ltr">
              <bdi safe>{doiLink(panel.doi)}</bdi>
            </a>
          </p>
          <p safe>{t(c, 'metadata')}</p>
          <ul>
            <li>
              <a href={c.href(`${itemPath}/doi/crossref`)} safe>
                {t(c, 'crossref')}
              </a>
            </li>
            <li>
              <a href={c.href(`${itemPath}/doi/datacite`)} safe>
                {t(c, 'datacite')}
              </a>
            </li>
          </ul>
        </>
      ) : (
        <p>{c.th('publications.doi.onPublish', { doi: panel.doi })}</p>
      )}
      <p class="hint" safe>
        {panel.deposit ? t(c, 'depositOn', { agency }) : t(c, 'depositOff', { agency })}
      </p>
      {panel.deposit || panel.deposits.length ? (
        <Table
          caption={t(c, 'deposits')}
          head={[t(c, 'when'), t(c, 'outcome'), t(c, 'answer')]}
          empty={t(c, 'noDeposits')}
          rows={panel.deposits.map((d) => [
            esc(formatDateTime(c.locale, d.at, c.timeZone)),
            esc(outcomeText(c, d)),
            d.message ? (
              <span dir="auto" safe>
                {d.message}
              </span>
            ) : (
              esc('—')
            ),
          ])}
        />
      ) : (
        ''
      )}
    </section>
  );
}
