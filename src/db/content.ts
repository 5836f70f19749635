import { getTableName, sql } from 'drizzle-orm';
import type { Database } from './client.js';
import * as schema from './schema.js';

/**
 * Tables no public page is drawn from, and which change often: sign-in, jobs and mail, audit,
 * one-time forms, deliveries, private links, the inner steps of a membership review, check-in,
 * stored files. They carry no version trigger; a page that reads one is never kept in the page cache.
 * Every other table is "content": a statement trigger bumps its row of content_versions in the
 * same transaction as the change (function bridges_content_changed, migration 0005).
 */
export const UNVERSIONED_TABLES: ReadonlySet<string> = new Set(
  [
    schema.sessions,
    schema.signInTokens,
    schema.jobs,
    schema.outbox,
    schema.inboundMail,
    schema.commenterProfiles,
    schema.consultationFlags,
    schema.consultationSectionMails,
    schema.consultationInvitations,
    schema.consultationReaderLanguages,
    schema.consultationOutcomeMails,
    schema.auditLog,
    schema.formSubmissions,
    schema.privateLinks,
    schema.newsletterDeliveries,
    schema.consentEvents,
    schema.subscriptions,
    schema.applications,
    schema.applicationEvents,
    schema.applicationVotes,
    schema.attendance,
    schema.contentVersions,
    schema.storedFiles,
    schema.translationMarks,
    // Answers and votes arrive by the thousand while a survey or a vote is open; no cached page shows them (results and tallies are read fresh).
    schema.surveyResponses,
    schema.surveyDrafts,
    schema.surveyParticipants,
    schema.surveyIdentified,
    schema.surveyInvitations,
    schema.priorityBallots,
    schema.priorityComparisons,
    schema.priorityVoters,
    // Integrations' tokens: each one's last use is written as requests come (at most once a minute); no page shows them.
    schema.apiTokens,
  ].map((t) => getTableName(t)),
);

const TRIGGER = 'bridges_content_version';

/**
 * Puts the version trigger on every content table that lacks it and takes it off the others, so a
 * table added by a later migration is versioned without anyone remembering to. Run after migrate.
 */
export async function syncContentTriggers(database: Pick<Database, 'db' | 'exec'>): Promise<void> {
  const result = await database.db.execute(sql`
    select t.tablename as name, exists (
      select 1 from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname = t.tablename and g.tgname = ${TRIGGER}
    ) as has
    from pg_tables t where t.schemaname = 'public'`);
  const tables = (result as unknown as { rows: { name: string; has: boolean }[] }).rows;
  const statements: string[] = [];
  for (const { name, has } of tables) {
    if (name.startsWith('__drizzle')) continue;
    const want = !UNVERSIONED_TABLES.has(name);
    const table = `"${name.replace(/"/g, '""')}"`;
    if (want && !has) statements.push(`create trigger ${TRIGGER} after insert or update or delete or truncate on ${table} for each statement execute function bridges_content_changed()`);
    if (!want && has) statements.push(`drop trigger ${TRIGGER} on ${table}`);
  }
  if (statements.length) await database.exec(statements.join(';\n'));
}
