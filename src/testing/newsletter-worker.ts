/**
 * A worker process for the crash test: opens the database (DATABASE_URL, or the PGlite folder in
 * DATA_DIR), sends the newsletter through SMTP_URL like the app's worker does, and exits 0 when no
 * issue is left to send. With CRASH_AFTER_ACCEPTED it kills itself inside the window between the
 * server's acceptance of a message and its record; the test then starts it again.
 */
import { and, inArray } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { startWorker } from '../platform/worker.js';
import { newsletterIssues } from '../modules/communications/schema.js';
import { sendNewsletterSlice, testHooks } from '../modules/communications/newsletter-sending.js';

// CRASH_AFTER_ACCEPTED=N: die (SIGKILL) right after the mail server accepts the N-th message, before it is recorded.
const crashAfter = Number(process.env.CRASH_AFTER_ACCEPTED ?? 0);
let accepted = 0;
if (crashAfter) testHooks.accepted = () => void (++accepted === crashAfter && process.kill(process.pid, 'SIGKILL'));

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATABASE_URL ? undefined : process.env.DATA_DIR });
const worker = startWorker(
  { db: database.db, smtpUrl: process.env.SMTP_URL, mailFrom: 'news@alliance.example', baseUrl: process.env.BASE_URL!, secret: process.env.SESSION_SECRET!, handlers: {}, bulkMailers: [sendNewsletterSlice], log: console },
  false,
);
process.stdout.write('READY\n');
for (;;) {
  const round = await worker.tick();
  if (!round.bulk) await new Promise((r) => setTimeout(r, 100)); // waiting for a lapsed lock or a retry
  const open = await database.db.select({ id: newsletterIssues.id }).from(newsletterIssues).where(and(inArray(newsletterIssues.status, ['scheduled', 'sending'])));
  if (!open.length) break;
}
await worker.stop();
await database.close();
process.exit(0);
