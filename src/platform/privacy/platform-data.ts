import { and, asc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog } from '../audit/schema.js';
import { sessions, ssoLinks, userRoles, users } from '../auth/schema.js';
import { inboundMail, outbox } from '../mail/schema.js';
import { apiTokens } from '../api/schema.js';
import { deletePicked, type DataKind, type PersonalData, type PersonRef } from './service.js';

/**
 * What the platform itself keeps about people (accounts, sessions, e-mails, the audit log), declared
 * as the modules declare theirs: the platform's part of a person's download and of the privacy
 * page, and the retention of mail copies and of the audit log. Its tables are erased by
 * erasePerson itself (service.ts), after every module.
 */

const kinds: DataKind[] = [
  { kind: 'privacy.account', label: 'privacy.kinds.account', purpose: 'privacy.purposes.account', kept: 'privacy.kept.untilErased' },
  { kind: 'privacy.sessions', label: 'privacy.kinds.sessions', purpose: 'privacy.purposes.sessions', kept: 'privacy.kept.sessions' },
  { kind: 'privacy.signInLinks', label: 'privacy.kinds.signInLinks', purpose: 'privacy.purposes.signInLinks', kept: 'privacy.kept.signInLinks' },
  {
    kind: 'privacy.mail',
    label: 'privacy.kinds.mail',
    purpose: 'privacy.purposes.mail',
    retention: {
      defaultDays: 365,
      minDays: 30,
      maxDays: 3650,
      then: 'deleted',
      // A message being handed to the mail server right now is left for the next night.
      async purge(tx, olderThan, { limit }) {
        return deletePicked(tx, outbox, outbox.id, tx.select({ id: outbox.id }).from(outbox).where(and(lt(outbox.createdAt, olderThan), ne(outbox.status, 'sending'))).orderBy(asc(outbox.id)).limit(limit));
      },
    },
  },
  { kind: 'privacy.inboundMail', label: 'privacy.kinds.inboundMail', purpose: 'privacy.purposes.inboundMail', kept: 'privacy.kept.inboundMail' },
  {
    kind: 'privacy.audit',
    label: 'privacy.kinds.audit',
    purpose: 'privacy.purposes.audit',
    retention: {
      defaultDays: 2555,
      minDays: 365,
      maxDays: 3650,
      then: 'deleted',
      async purge(tx, olderThan, { limit }) {
        return deletePicked(tx, auditLog, auditLog.id, tx.select({ id: auditLog.id }).from(auditLog).where(lt(auditLog.at, olderThan)).orderBy(asc(auditLog.id)).limit(limit));
      },
    },
  },
];

export const platformPersonalData: PersonalData = {
  kinds,
  async export(tx: Executor, person: PersonRef) {
    const out: Record<string, unknown[]> = {};
    if (person.userId) {
      const id = person.userId;
      out.account = await tx
        .select({ email: users.email, name: users.name, language: users.locale, createdAt: users.createdAt, hasPassword: sql<boolean>`${users.passwordHash} is not null`, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.id, id));
      out.roles = await tx.select({ role: userRoles.role, scope: userRoles.scope, grantedAt: userRoles.grantedAt }).from(userRoles).where(eq(userRoles.userId, id)).orderBy(asc(userRoles.grantedAt));
      out.sessions = await tx
        .select({ device: sessions.userAgent, signedInAt: sessions.createdAt, lastActiveAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
        .from(sessions)
        .where(eq(sessions.userId, id))
        .orderBy(asc(sessions.createdAt));
      out.singleSignOn = await tx.select({ provider: ssoLinks.issuer, linkedAt: ssoLinks.linkedAt, lastUsedAt: ssoLinks.lastUsedAt }).from(ssoLinks).where(eq(ssoLinks.userId, id));
      // What they did while signed in: the action and when, not whom it concerned (that is someone else's).
      out.actionsRecorded = await tx.select({ at: auditLog.at, action: auditLog.action, about: auditLog.targetType, fromAddress: auditLog.ip }).from(auditLog).where(eq(auditLog.actorId, id)).orderBy(asc(auditLog.id));
      out.apiTokensMade = await tx
        .select({ name: apiTokens.name, scopes: apiTokens.scopes, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt })
        .from(apiTokens)
        .where(eq(apiTokens.createdBy, id))
        .orderBy(asc(apiTokens.createdAt));
    }
    if (person.emails.length) {
      // E-mails sent to them: which, when and what became of them; not the text (a sign-in link in it may still work).
      out.emailsSent = await tx
        .select({ to: outbox.toAddress, subject: outbox.subject, kind: outbox.template, createdAt: outbox.createdAt, status: outbox.status, sentAt: outbox.sentAt })
        .from(outbox)
        .where(inArray(sql`lower(${outbox.toAddress})`, person.emails))
        .orderBy(asc(outbox.id));
      out.emailsReceived = await tx
        .select({ from: inboundMail.fromAddress, purpose: inboundMail.purpose, outcome: inboundMail.outcome, receivedAt: inboundMail.receivedAt })
        .from(inboundMail)
        .where(inArray(inboundMail.fromAddress, person.emails))
        .orderBy(asc(inboundMail.id));
    }
    return out;
  },
};
