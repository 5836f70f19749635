import type { PageContext } from '../http/page.js';
import type { FormState } from '../forms/validate.js';
import { Layout } from '../ui/layout.js';
import { Button, Form, Select, TextInput } from '../ui/form.js';
import { Banner, LinkList, Table, esc } from '../ui/components.js';
import { LOCALES, LOCALE_NAMES } from '../i18n/locales.js';
import { formatDateTime } from '../i18n/format.js';
import { navFor } from '../module.js';
import { YourDataSection } from '../privacy/views.js';

/** `sso`: the name of the organisation's identity provider, when single sign-on is configured (OIDC_*). */
export function SignInPage({ c, linkForm, passwordForm, next, sso }: { c: PageContext; linkForm?: FormState; passwordForm?: FormState; next: string; sso?: string }) {
  const form = linkForm?.errors.length ? linkForm : passwordForm;
  const labels = { email: c.t('auth.email'), password: c.t('auth.password') };
  // Both forms ask for the e-mail address: the password form's fields carry its own ids.
  const scope = 'with-password';
  return (
    <Layout c={c} title={c.t('auth.signIn.title')} form={form} labels={labels} formScope={form === passwordForm ? scope : undefined}>
      <h1 safe>{c.t('auth.signIn.title')}</h1>
      <p safe>{c.t('auth.signIn.intro')}</p>
      <Form c={c} action={c.href('/sign-in/link')} label={c.t('auth.signIn.linkHeading')}>
        <h2 safe>{c.t('auth.signIn.linkHeading')}</h2>
        <input type="hidden" name="next" value={next} />
        <TextInput c={c} name="email" label={c.t('auth.email')} type="email" autocomplete="email" spellcheck={false} form={linkForm} />
        <Button label={c.t('auth.signIn.sendLink')} />
      </Form>
      {sso ? (
        <Form c={c} action={c.href('/sign-in/sso')} label={c.t('auth.sso.heading')}>
          <h2 safe>{c.t('auth.sso.heading')}</h2>
          <p safe>{c.t('auth.sso.intro')}</p>
          <input type="hidden" name="next" value={next} />
          <Button variant="secondary" label={c.t('auth.sso.button', { name: sso })} />
        </Form>
      ) : (
        ''
      )}
      <details class="password-signin" open={!!passwordForm?.errors.length}>
        <summary safe>{c.t('auth.signIn.passwordHeading')}</summary>
        <Form c={c} action={c.href('/sign-in/password')} label={c.t('auth.signIn.passwordHeading')}>
          <input type="hidden" name="next" value={next} />
          <TextInput c={c} name="email" scope={scope} label={c.t('auth.email')} type="email" autocomplete="username" spellcheck={false} form={passwordForm} />
          <TextInput c={c} name="password" scope={scope} label={c.t('auth.password')} type="password" autocomplete="current-password" form={passwordForm} />
          <Button variant="secondary" label={c.t('auth.signIn.withPassword')} />
        </Form>
      </details>
    </Layout>
  );
}

export function LinkSentPage({ c, email }: { c: PageContext; email: string }) {
  return (
    <Layout c={c} title={c.t('auth.linkSent.title')}>
      <h1 safe>{c.t('auth.linkSent.title')}</h1>
      <p>{c.th('auth.linkSent.body', { email })}</p>
      <p safe>{c.t('auth.linkSent.notArrived')}</p>
      <p>
        <a href={c.href('/sign-in')} safe>
          {c.t('auth.linkSent.again')}
        </a>
      </p>
    </Layout>
  );
}

/** The page a sign-in link opens: nothing happens until the person presses the button (mail scanners only GET). */
export function ConfirmLinkPage({ c, email, token }: { c: PageContext; email: string; token: string }) {
  return (
    <Layout c={c} title={c.t('auth.confirm.title')}>
      <h1 safe>{c.t('auth.confirm.title')}</h1>
      <p>{c.th('auth.confirm.body', { email })}</p>
      <Form c={c} action={c.href(`/sign-in/link/${token}`)}>
        <Button label={c.t('auth.confirm.button')} />
      </Form>
    </Layout>
  );
}

export function LinkInvalidPage({ c }: { c: PageContext }) {
  return (
    <Layout c={c} title={c.t('auth.invalid.title')}>
      <h1 safe>{c.t('auth.invalid.title')}</h1>
      <p safe>{c.t('auth.invalid.body')}</p>
      <p>
        <a href={c.href('/sign-in')} safe>
          {c.t('auth.linkSent.again')}
        </a>
      </p>
    </Layout>
  );
}

/** Single sign-on that opened no session: why, in plain words, and the way that works for everyone (an e-mail link). */
export function SsoRefusedPage({ c, reason, provider }: { c: PageContext; reason: string; provider: string }) {
  const key = reason === 'not-staff' ? 'notStaff' : reason;
  const title = c.t(`auth.sso.refused.${key}.title`, { name: provider });
  return (
    <Layout c={c} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{c.t(`auth.sso.refused.${key}.body`, { name: provider })}</p>
      <p>
        <a href={c.href('/sign-in')} safe>
          {c.t('auth.sso.refused.useLink')}
        </a>
      </p>
    </Layout>
  );
}

export interface AccountData {
  email: string;
  name: string;
  preferredLocale: string | null;
  hasPassword: boolean;
  sessions: { current: boolean; createdAt: Date; lastSeenAt: Date; userAgent: string }[];
  saved?: string;
}

/** What the modules offer a person about themselves (their membership, ...), from the `account` navigation. */
function AccountLinks({ c }: { c: PageContext }) {
  const links = navFor(c.nav, c.actor, 'account');
  return links.length ? <LinkList c={c} links={links} /> : '';
}

export function AccountPage({ c, data, passwordForm }: { c: PageContext; data: AccountData; passwordForm?: FormState }) {
  return (
    <Layout c={c} title={c.t('account.title')} form={passwordForm} labels={{ password: c.t('account.newPassword'), confirm: c.t('account.confirmPassword') }}>
      {data.saved ? <Banner kind="success" title={c.t(`account.saved.${data.saved}`)} /> : ''}
      <h1 safe>{c.t('account.title')}</h1>
      <p>{c.th('account.signedInAs', { name: data.name, email: data.email })}</p>
      <AccountLinks c={c} />

      <h2 safe>{c.t('account.languageHeading')}</h2>
      <Form c={c} action={c.href('/account/language')}>
        <Select
          c={c}
          name="locale"
          label={c.t('account.language')}
          hint={c.t('account.languageHint')}
          options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
          form={{ values: { locale: data.preferredLocale ?? c.locale }, errors: [] }}
        />
        <Button variant="secondary" label={c.t('account.saveLanguage')} />
      </Form>

      <h2 safe>{c.t('account.passwordHeading')}</h2>
      <p safe>{c.t(data.hasPassword ? 'account.passwordSet' : 'account.passwordNone')}</p>
      <Form c={c} action={c.href('/account/password')}>
        <TextInput c={c} name="password" type="password" label={c.t('account.newPassword')} hint={c.t('account.passwordHint', { min: 12 })} autocomplete="new-password" form={passwordForm} />
        <TextInput c={c} name="confirm" type="password" label={c.t('account.confirmPassword')} autocomplete="new-password" form={passwordForm} />
        <Button variant="secondary" label={c.t('account.savePassword')} />
      </Form>
      {data.hasPassword ? (
        <Form c={c} action={c.href('/account/password/remove')}>
          <Button variant="warning" label={c.t('account.removePassword')} />
        </Form>
      ) : (
        ''
      )}

      <h2 safe>{c.t('account.sessionsHeading')}</h2>
      <Table
        caption={c.t('account.sessionsCaption')}
        head={[c.t('account.device'), c.t('account.started'), c.t('account.lastSeen')]}
        rows={data.sessions.map((s) => [
          <>
            <span safe>{s.userAgent || c.t('account.unknownDevice')}</span>
            {s.current ? <strong safe>{` (${c.t('account.thisDevice')})`}</strong> : ''}
          </>,
          esc(formatDateTime(c.locale, s.createdAt, c.timeZone)),
          esc(formatDateTime(c.locale, s.lastSeenAt, c.timeZone)),
        ])}
      />
      <Form c={c} action={c.href('/account/sign-out-everywhere')}>
        <Button variant="warning" label={c.t('account.signOutEverywhere')} />
      </Form>
      <YourDataSection c={c} />
    </Layout>
  );
}
