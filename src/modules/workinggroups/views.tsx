import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, LocalizedText } from '../../platform/ui/components.js';
import type { WorkingGroupView } from './service.js';

export function WorkingGroupsPage({ c, groups }: { c: PageContext; groups: WorkingGroupView[] }) {
  return (
    <Layout c={c} title={c.t('workingGroups.title')}>
      <h1 safe>{c.t('workingGroups.title')}</h1>
      <p safe>{c.t('workingGroups.intro')}</p>
      {groups.length === 0 ? (
        <p safe>{c.t('workingGroups.none')}</p>
      ) : (
        <ul class="card-list">
          {groups.map((g) => (
            <li>
              <h2>
                <a href={c.href(`/working-groups/${g.slug}`)}>
                  <LocalizedText c={c} value={g.name} original={g.originalLocale} />
                </a>
              </h2>
              <LocalizedText c={c} value={g.summary} original={g.originalLocale} as="p" />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function WorkingGroupPage({ c, group }: { c: PageContext; group: WorkingGroupView }) {
  const name = c.text(group.name, group.originalLocale);
  return (
    <Layout c={c} title={name.text} before={<BackLink href={c.href('/working-groups')} label={c.t('workingGroups.all')} />}>
      <LocalizedText c={c} value={group.name} original={group.originalLocale} as="h1" />
      <LocalizedText c={c} value={group.summary} original={group.originalLocale} as="p" />
      <p safe>{c.t('workingGroups.reportsSoon')}</p>
    </Layout>
  );
}
