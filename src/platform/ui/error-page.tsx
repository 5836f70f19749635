import type { PageContext } from '../http/page.js';
import { Layout } from './layout.js';

/** The page for 4xx/5xx answers: what happened in plain words, and where to go next. Never a stack trace. */
export function ErrorPage({ c, status, kind }: { c: PageContext; status: number; kind?: 'csrf' | 'rate' | 'busy' | 'tooLarge' }) {
  const key = kind ?? (status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status >= 500 ? 'server' : 'badRequest');
  return (
    <Layout c={c} title={c.t(`errors.${key}.title`)}>
      <h1 safe>{c.t(`errors.${key}.title`)}</h1>
      <p safe>{c.t(`errors.${key}.body`)}</p>
      <p>
        <a href={c.href('/')} safe>
          {c.t('errors.home')}
        </a>
      </p>
    </Layout>
  );
}
