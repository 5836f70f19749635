import type { PageContext } from '../http/page.js';
import type { FormState } from '../forms/validate.js';
import { Layout } from '../ui/layout.js';
import { BackLink, Banner, Table, esc } from '../ui/components.js';
import { Button, ErrorText, Form, fieldId } from '../ui/form.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { EXPORTS_PER_HOUR } from './export.js';
import { retentionField, type DeclaredKind, type RetentionView } from './retention.js';

/** A period in days as people say it: years or months when it is a whole number of them, else days. */
export function period(c: PageContext, days: number): string {
  if (days >= 365 && days % 365 === 0) return c.t('privacy.period.years', { n: days / 365 });
  if (days >= 30 && days % 30 === 0) return c.t('privacy.period.months', { n: days / 30 });
  return c.t('privacy.period.days', { n: days });
}

/** How long a kind is kept, in a sentence: "1 year, then deleted", or what the module says. */
function howLong(c: PageContext, k: DeclaredKind): string {
  if (k.days !== undefined) return c.t(k.then === 'anonymised' ? 'privacy.declared.thenAnonymised' : 'privacy.declared.thenDeleted', { period: period(c, k.days) });
  return k.kept ? c.t(k.kept) : '';
}

/**
 * The privacy page's account of what is kept: for each part of the site, each kind of personal data
 * it keeps, why, and how long (the period the Secretariat set, or what the module says), from the
 * modules' own declarations.
 */
export function PrivacyDeclarations({ c, modules }: { c: PageContext; modules: { module: string; kinds: DeclaredKind[] }[] }) {
  return (
    <section class="privacy-declared" aria-labelledby="privacy-declared">
      <h2 id="privacy-declared" safe>
        {c.t('privacy.declared.title')}
      </h2>
      <p safe>{c.t('privacy.declared.intro')}</p>
      {modules.map((m) => (
        <>
          <h3 safe>{c.t(`privacy.modules.${m.module}`)}</h3>
          <Table
            caption={c.t('privacy.declared.caption', { part: c.t(`privacy.modules.${m.module}`) })}
            hideCaption
            head={[c.t('privacy.declared.what'), c.t('privacy.declared.why'), c.t('privacy.declared.howLong')]}
            rows={m.kinds.map((k) => [<span data-kind={k.kind} safe>{c.t(k.label)}</span>, esc(c.t(k.purpose)), esc(howLong(c, k))])}
          />
        </>
      ))}
      <p safe>{c.t('privacy.declared.yourRights')}</p>
    </section>
  );
}

/** The account page's part about the person's data: download it all, and where the privacy page is. */
export function YourDataSection({ c }: { c: PageContext }) {
  return (
    <>
      <h2 safe>{c.t('privacy.download.heading')}</h2>
      <p safe>{c.t('privacy.download.intro')}</p>
      <Form c={c} action={c.href('/account/data')}>
        <Button variant="secondary" label={c.t('privacy.download.button')} />
      </Form>
      <p>
        <a href={c.href('/privacy')} safe>
          {c.t('privacy.download.whatWeKeep')}
        </a>
      </p>
    </>
  );
}

/** A person's own download refused: they made several in the last hour. */
export function DownloadLimitPage({ c }: { c: PageContext }) {
  return (
    <Layout c={c} title={c.t('privacy.download.limitTitle')} before={<BackLink href={c.href('/account')} label={c.t('account.title')} />}>
      <h1 safe>{c.t('privacy.download.limitTitle')}</h1>
      <p safe>{c.t('privacy.download.limit', { n: EXPORTS_PER_HOUR })}</p>
    </Layout>
  );
}

/** The button on the Secretariat's people page that makes a person's download (on their request). */
export function PersonDataButton({ c, id, name }: { c: PageContext; id: string; name: string }) {
  return (
    <Form c={c} action={c.href(`/admin/users/${id}/data`)} class="inline">
      <button type="submit" class="button small secondary">
        {c.th('privacy.export.button', { name })}
      </button>
    </Form>
  );
}

/**
 * The Secretariat's retention settings: each kind of personal data with a period, the period now
 * (a field in days, within the kind's bounds), its default, and what happens after; then what the
 * last nightly purge did.
 */
export function RetentionPage(props: { c: PageContext; view: RetentionView; form?: FormState; saved?: boolean }) {
  const { c, view, form } = props;
  const labels = Object.fromEntries(view.rows.map((r) => [retentionField(r.kind), c.t(r.label)]));
  const errorOf = (f: string) => form?.errors.find((e) => e.field === f);
  const valueOf = (f: string, days: number) => (form ? String(form.values[f] ?? '') : String(days));
  return (
    <Layout c={c} title={c.t('privacy.admin.title')} form={form} labels={labels} admin>
      {props.saved ? <Banner kind="success" title={c.t('privacy.admin.saved')} /> : ''}
      <h1 safe>{c.t('privacy.admin.title')}</h1>
      <p safe>{c.t('privacy.admin.intro')}</p>
      <p>
        <a href={c.href('/privacy')} safe>
          {c.t('privacy.admin.seePage')}
        </a>
      </p>
      <Form c={c} action={c.href('/admin/privacy')}>
        <Table
          caption={c.t('privacy.admin.caption')}
          head={[c.t('privacy.admin.kind'), c.t('privacy.admin.part'), c.t('privacy.admin.days'), c.t('privacy.admin.default'), c.t('privacy.admin.then')]}
          rows={view.rows.map((r) => {
            const f = retentionField(r.kind);
            const error = errorOf(f);
            const hint = `${fieldId(f)}-hint`;
            return [
              <label for={fieldId(f)} safe>
                {c.t(r.label)}
              </label>,
              esc(c.t(`privacy.modules.${r.module}`)),
              <div class={error ? 'field has-error' : 'field'}>
                <ErrorText c={c} name={f} error={error} />
                <input
                  id={fieldId(f)}
                  name={f}
                  type="text"
                  inputmode="numeric"
                  class="input short"
                  value={valueOf(f, r.days)}
                  aria-describedby={error ? `${hint} ${fieldId(f)}-error` : hint}
                  aria-invalid={error ? 'true' : undefined}
                />
                <p class="hint" id={hint} safe>
                  {c.t('privacy.admin.bounds', { min: formatNumber(c.locale, r.minDays), max: formatNumber(c.locale, r.maxDays) })}
                </p>
              </div>,
              esc(period(c, r.defaultDays)),
              esc(c.t(`privacy.admin.${r.then}`)),
            ];
          })}
        />
        <Button label={c.t('privacy.admin.save')} />
      </Form>
      <h2 safe>{c.t('privacy.admin.lastPurge')}</h2>
      {view.lastPurge ? (
        <>
          <p safe>{c.t('privacy.admin.lastPurgeAt', { when: formatDateTime(c.locale, view.lastPurge.at, c.timeZone) })}</p>
          <Table
            caption={c.t('privacy.admin.lastPurgeCaption')}
            head={[c.t('privacy.admin.kind'), c.t('privacy.admin.rows')]}
            numeric={[1]}
            rows={Object.entries(view.lastPurge.counts).map(([kind, n]) => {
              const row = view.rows.find((r) => r.kind === kind);
              return [esc(row ? c.t(row.label) : kind), esc(formatNumber(c.locale, n))];
            })}
          />
        </>
      ) : (
        <p safe>{c.t('privacy.admin.noPurge')}</p>
      )}
    </Layout>
  );
}
