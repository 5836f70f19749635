import type { SeedContext } from '../../platform/module.js';
import { newsletterIssues } from './schema.js';

/** The demo's newsletter archive: one issue sent after the 2024 annual meeting, in English and French. */
export async function seedNewsletter({ db }: SeedContext): Promise<void> {
  const sentAt = new Date('2024-12-10T09:00:00Z');
  await db
    .insert(newsletterIssues)
    .values({
      slug: '2024-12',
      defaultLocale: 'en',
      status: 'sent',
      scheduledAt: sentAt,
      startedAt: sentAt,
      finishedAt: sentAt,
      versions: {
        en: {
          subject: 'Building Bridges: what we heard in Paris',
          body: '## Thank you\n\nMore than 250 researchers, policymakers and practitioners met in Paris on 2 and 3 December for **Building Bridges to Transform Learning**.\n\n## What comes next\n\n- The working groups revise their reports with what was said in the consultation sessions.\n- The public consultation on the *Foundational Learning* report opens in January.\n\n[See the meeting’s programme](https://alliance.example/en/meetings/building-bridges-2024/agenda)',
        },
        fr: {
          subject: 'Jeter des ponts : ce que nous avons entendu à Paris',
          body: '## Merci\n\nPlus de 250 chercheurs, décideurs et praticiens se sont réunis à Paris les 2 et 3 décembre pour **Jeter des ponts pour transformer l’apprentissage**.\n\n## La suite\n\n- Les groupes de travail révisent leurs rapports à partir des séances de consultation.\n- La consultation publique sur le rapport *Apprentissages fondamentaux* s’ouvre en janvier.',
        },
      },
    })
    .onConflictDoNothing({ target: newsletterIssues.slug });
}
