/**
 * The route table every access and accessibility test walks: for each route of the app, what each
 * kind of person gets; and the data that gives every path parameter a real value (the demo
 * alliance plus a meeting open for registration, an applicant's draft, a participant's and a
 * subscriber's private links). A route missing from the table fails src/access.db.test.ts.
 */
import { desc, eq } from 'drizzle-orm';
import { signedIn, type TestApp } from './app.js';
import { DEMO_SECRETARIAT_EMAIL } from '../seed.js';
import { actorByEmail, createSignInLink, ensureUser } from '../platform/auth/service.js';
import { outbox } from '../platform/mail/schema.js';
import { users } from '../platform/auth/schema.js';
import { newToken } from '../platform/auth/tokens.js';
import { openMeeting } from '../modules/meetings/factories.js';
import { meetingQuestions, meetingSessions, participantCategories, registrations, sideActivities, financingRequests } from '../modules/meetings/schema.js';
import { register } from '../modules/meetings/registration.js';
import { requestFinancing } from '../modules/meetings/financing.js';
import { applications, members } from '../modules/membership/schema.js';
import { startApplication } from '../modules/membership/applications.js';
import { subscribeWithConsent, unsubscribeUrls } from '../modules/communications/service.js';
import { subscriptions } from '../modules/communications/schema.js';
import { createIssue, getIssue, saveVersion } from '../modules/communications/newsletter-issues.js';
import { createReport, getWorkingGroup, publishReport, reportOf, saveReport } from '../modules/workinggroups/service.js';
import { workingGroupRequests } from '../modules/workinggroups/schema.js';
import { inviteReviewer, itemByNumber } from '../modules/publications/service.js';
import { publicationVersions, publications, reviewAssignments } from '../modules/publications/schema.js';
import { demoCallYear } from '../modules/publications/seed.js';
import { fileStore } from '../platform/files/storage.js';
import { getConsultation, getConsultationTarget, invitationKey, openConsultation, postComment, saveProfile } from '../modules/consultations/service.js';
import { saveResponse } from '../modules/consultations/responses.js';
import { issueStopLink } from '../modules/consultations/outcome-mail.js';
import { createPage } from '../modules/site/service.js';
import { addResponses, addSurvey, question as surveyQuestion } from '../modules/surveys/factories.js';
import type { Question } from '../modules/surveys/schema.js';

export const PERSONAS = ['anonymous', 'applicant', 'linkHolder', 'member', 'steering', 'secretariat', 'chair', 'wgMember'] as const;
export type Persona = (typeof PERSONAS)[number];
/** ok: answered (2xx, 3xx but the sign-in page, 422); in: sent to sign in; no: refused (403); 404: no such thing for this person; 410: a link that no longer works. */
export type Answer = 'ok' | 'in' | 'no' | '404' | '410';
export type Row = Record<Persona, Answer>;

/**
 * One route's answers. The chair (wg_chair of the Foundational Learning group) and the group member
 * (wg_member of it) are members of the Alliance too: unless said otherwise they get what a member gets.
 */
const row = (anonymous: Answer, applicant: Answer, linkHolder: Answer, member: Answer, steering: Answer, secretariat: Answer, chair: Answer = member, wgMember: Answer = member): Row => ({ anonymous, applicant, linkHolder, member, steering, secretariat, chair, wgMember });
export const PUBLIC = row('ok', 'ok', 'ok', 'ok', 'ok', 'ok');
export const SECRETARIAT_GET = row('in', 'in', 'in', 'no', 'no', 'ok');
export const SECRETARIAT_POST = row('no', 'no', 'no', 'no', 'no', 'ok');
export const COMMITTEE_GET = row('in', 'in', 'in', 'no', 'ok', 'ok');
export const SIGNED_IN_GET = row('in', 'in', 'in', 'ok', 'ok', 'ok');
export const SIGNED_IN_POST = row('no', 'no', 'no', 'ok', 'ok', 'ok');
/** The member's own membership record (the chair and the group member belong to other members). */
export const OWN_MEMBERSHIP_GET = row('in', 'in', 'in', 'ok', 'no', 'no', 'no', 'no');
export const OWN_MEMBERSHIP_POST = row('no', 'no', 'no', 'ok', 'no', 'no', 'no', 'no');
/** A working group's page for its chairs, and what they do there. */
export const GROUP_CHAIR_GET = row('in', 'in', 'in', 'no', 'no', 'ok', 'ok', 'no');
export const GROUP_CHAIR_POST = row('no', 'no', 'no', 'no', 'no', 'ok', 'ok', 'no');
/** The group's people (chairs and members) and the Secretariat. */
export const GROUP_GET = row('in', 'in', 'in', 'no', 'no', 'ok', 'ok', 'ok');
export const GROUP_POST = row('no', 'no', 'no', 'no', 'no', 'ok', 'ok', 'ok');
/** The member's own submission (someone else's is no one else's business: not even the editors', who have their own pages). */
export const OWN_SUBMISSION_GET = row('in', 'in', 'in', 'ok', '404', '404', '404', '404');
export const OWN_SUBMISSION_POST = row('no', 'no', 'no', 'ok', '404', '404', '404', '404');
/** The review the Committee member is invited to write. */
export const OWN_REVIEW_GET = row('in', 'in', 'in', '404', 'ok', '404', '404', '404');
export const OWN_REVIEW_POST = row('no', 'no', 'no', '404', 'ok', '404', '404', '404');
export const APPLICATION_LINK = row('404', 'ok', '404', '404', '404', '404');
export const PARTICIPANT_LINK = row('404', '404', 'ok', '404', '404', '404');
export const SUBSCRIBER_LINK = PARTICIPANT_LINK;
export const SIGN_IN_LINK = row('410', '410', 'ok', '410', '410', '410');
export const NOWHERE = row('404', '404', '404', '404', '404', '404');

/** The routes served from the page cache to readers without a session: pages the same for every anonymous reader. */
export const PUBLIC_PAGE_ROUTES = [
  'GET /:locale',
  'GET /:locale/about',
  'GET /:locale/privacy',
  'GET /:locale/pages/:slug',
  'GET /:locale/members',
  'GET /:locale/members/map',
  'GET /:locale/meetings',
  'GET /:locale/meetings/:slug',
  'GET /:locale/meetings/:slug/agenda',
  'GET /:locale/meetings/:slug/sessions/:file',
  'GET /:locale/working-groups',
  'GET /:locale/working-groups/:slug',
  'GET /:locale/working-groups/:slug/reports/:report',
  'GET /:locale/working-groups/:slug/reports/:report/v/:number',
  'GET /:locale/working-groups/:slug/reports/:report/v/:number/original',
  'GET /:locale/working-groups/:slug/reports/:report/compare/:from/:to',
  'GET /:locale/consultations',
  'GET /:locale/consultations/:slug',
  'GET /:locale/consultations/:slug/figures',
  'GET /:locale/consultations/:slug/s/:section',
  'GET /:locale/consultations/:slug/whole',
  'GET /:locale/consultations/:slug/responses',
  'GET /:locale/consultations/code-of-conduct',
  'GET /:locale/publications',
  'GET /:locale/publications/:key',
  'GET /:locale/publications/:key/v/:number',
  'GET /:locale/publications/:key/text',
  'GET /:locale/publications/calls',
  'GET /:locale/publications/feed.atom',
  'GET /:locale/newsletter',
  'GET /:locale/newsletter/feed.atom',
  'GET /:locale/newsletter/:slug',
];

/** Every route, and what each person gets. */
export const TABLE: Record<string, Row> = {
  'GET /': PUBLIC,
  'GET /healthz': PUBLIC,
  'GET /metrics': NOWHERE, // off unless METRICS_TOKEN is set, and then for the token's holder only (src/platform/metrics)
  'GET /manifest.webmanifest': PUBLIC,
  'GET /static/*': PUBLIC,
  'GET /:locale': PUBLIC,
  'GET /:locale/about': PUBLIC,
  'GET /:locale/privacy': PUBLIC,
  'GET /:locale/pages/:slug': PUBLIC,
  'GET /:locale/site/logo/:key': NOWHERE, // the demo has no logo; no other stored file is served here
  'GET /:locale/admin/pages': SECRETARIAT_GET,
  'POST /:locale/admin/pages': SECRETARIAT_POST,
  'GET /:locale/admin/pages/:slug': SECRETARIAT_GET,
  'POST /:locale/admin/pages/:slug': SECRETARIAT_POST,
  'POST /:locale/admin/pages/:slug/delete': SECRETARIAT_POST,
  'GET /:locale/admin/settings': SECRETARIAT_GET,
  'POST /:locale/admin/settings': SECRETARIAT_POST,
  'GET /:locale/admin/translations': SECRETARIAT_GET,
  // A group's texts side by side with a translation: its chairs and the Secretariat.
  'GET /:locale/admin/translations/:kind/:id/:language': GROUP_CHAIR_GET,
  'POST /:locale/admin/translations/:kind/:id/:language': GROUP_CHAIR_POST,
  'GET /:locale/design-system': PUBLIC,
  'GET /:locale/join': PUBLIC,
  'POST /:locale/join': PUBLIC,
  'GET /:locale/subscribe': PUBLIC,
  'POST /:locale/subscribe': PUBLIC,
  'GET /:locale/sign-in': row('ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
  'POST /:locale/sign-in/link': PUBLIC,
  'POST /:locale/sign-in/password': PUBLIC,
  'GET /:locale/sign-in/link/:token': SIGN_IN_LINK,
  'POST /:locale/sign-in/link/:token': SIGN_IN_LINK,
  // Single sign-on: no such pages where it is not configured, as in the demo (src/platform/auth/oidc.db.test.ts configures it).
  'POST /:locale/sign-in/sso': NOWHERE,
  'GET /:locale/sign-in/sso/refused': NOWHERE,
  'GET /sign-in/sso/callback': NOWHERE,
  'POST /:locale/sign-out': PUBLIC,
  'GET /:locale/account': SIGNED_IN_GET,
  'POST /:locale/account/language': SIGNED_IN_POST,
  'POST /:locale/account/password': SIGNED_IN_POST,
  'POST /:locale/account/password/remove': SIGNED_IN_POST,
  'POST /:locale/account/sign-out-everywhere': SIGNED_IN_POST,
  // People's data: one's own download (no id: only ever one's own), a person's made by the Secretariat, and retention (src/platform/privacy).
  'POST /:locale/account/data': SIGNED_IN_POST,
  'POST /:locale/admin/users/:id/data': SECRETARIAT_POST,
  'GET /:locale/admin/privacy': SECRETARIAT_GET,
  'POST /:locale/admin/privacy': SECRETARIAT_POST,
  // The Secretariat's area
  'GET /:locale/admin': SECRETARIAT_GET,
  'GET /:locale/admin/users': SECRETARIAT_GET,
  'GET /:locale/admin/users/invite': SECRETARIAT_GET,
  'POST /:locale/admin/users/invite': SECRETARIAT_POST,
  'POST /:locale/admin/users/:id/roles': SECRETARIAT_POST,
  'GET /:locale/admin/mailbox': SECRETARIAT_GET,
  'GET /:locale/admin/mailbox/:id': SECRETARIAT_GET,
  'GET /:locale/admin/mailbox/:id/html': SECRETARIAT_GET,
  'POST /:locale/admin/mailbox/settings': SECRETARIAT_POST,
  'GET /:locale/admin/audit': SECRETARIAT_GET,
  'GET /:locale/admin/exports': SECRETARIAT_GET,
  // Membership
  'GET /:locale/admin/applications': SECRETARIAT_GET,
  'GET /:locale/admin/applications/:id': SECRETARIAT_GET,
  'GET /:locale/admin/applications/:id/document': row('in', 'in', 'in', 'no', '404', '404'), // the demo application has no document
  'POST /:locale/admin/applications/:id/transition': SECRETARIAT_POST,
  'POST /:locale/admin/applications/:id/notes': SECRETARIAT_POST,
  'GET /:locale/admin/membership/settings': SECRETARIAT_GET,
  'POST /:locale/admin/membership/settings': SECRETARIAT_POST,
  'GET /:locale/admin/members': SECRETARIAT_GET,
  'GET /:locale/admin/members/:id': SECRETARIAT_GET,
  'GET /:locale/admin/members/export.:format': SECRETARIAT_GET,
  'POST /:locale/admin/members/:id/status': SECRETARIAT_POST,
  'POST /:locale/admin/members/:id/people/:userId/erase': SECRETARIAT_POST,
  'GET /:locale/steering': row('in', 'in', 'in', 'no', 'ok', 'no'), // a Committee member's own home (the Secretariat does not respond)
  'GET /:locale/steering/applications': COMMITTEE_GET,
  'GET /:locale/steering/applications/:id': COMMITTEE_GET,
  'GET /:locale/steering/applications/:id/document': row('in', 'in', 'in', 'no', '404', '404'),
  'POST /:locale/steering/applications/:id/vote': row('no', 'no', 'no', 'no', 'ok', 'ok'), // the Secretariat may look, but its vote is refused with a notice
  'GET /:locale/members': PUBLIC,
  'GET /:locale/members/map': PUBLIC,
  'GET /:locale/membership': SIGNED_IN_GET,
  'GET /:locale/membership/:id': OWN_MEMBERSHIP_GET,
  'GET /:locale/membership/:id/export.json': OWN_MEMBERSHIP_GET,
  'POST /:locale/membership/:id/profile': OWN_MEMBERSHIP_POST,
  'POST /:locale/membership/:id/representatives': OWN_MEMBERSHIP_POST,
  'POST /:locale/membership/:id/representatives/:userId/remove': OWN_MEMBERSHIP_POST,
  'POST /:locale/membership/:id/erasure': OWN_MEMBERSHIP_POST,
  'POST /:locale/membership/:id/leave': OWN_MEMBERSHIP_POST,
  'GET /:locale/apply/:token': APPLICATION_LINK,
  'GET /:locale/apply/:token/:step': APPLICATION_LINK,
  'POST /:locale/apply/:token/:step': APPLICATION_LINK,
  'POST /:locale/apply/:token/amend': APPLICATION_LINK,
  'POST /:locale/apply/:token/document': APPLICATION_LINK,
  'POST /:locale/apply/:token/resend-confirmation': APPLICATION_LINK,
  'POST /:locale/apply/:token/submit': APPLICATION_LINK,
  'GET /:locale/apply/:token/withdraw': APPLICATION_LINK,
  'POST /:locale/apply/:token/withdraw': APPLICATION_LINK,
  'GET /:locale/apply/confirm/:token': APPLICATION_LINK,
  'POST /:locale/apply/confirm/:token': APPLICATION_LINK,
  // Meetings
  'GET /:locale/meetings': PUBLIC,
  'GET /:locale/meetings/:slug': PUBLIC,
  'GET /:locale/meetings/:slug/agenda': PUBLIC,
  'GET /:locale/meetings/:slug/sessions/:file': PUBLIC,
  'GET /:locale/meetings/:slug/register': PUBLIC,
  'POST /:locale/meetings/:slug/register': PUBLIC,
  'GET /:locale/meetings/:slug/my-registration': SIGNED_IN_GET,
  'GET /:locale/meetings/:slug/registration/:token': PARTICIPANT_LINK,
  'GET /:locale/meetings/:slug/registration/:token/letter.pdf': PARTICIPANT_LINK,
  'POST /:locale/meetings/:slug/registration/:token/details': PARTICIPANT_LINK,
  'POST /:locale/meetings/:slug/registration/:token/financing': PARTICIPANT_LINK,
  'POST /:locale/meetings/:slug/registration/:token/activities/:activityId/:action': PARTICIPANT_LINK,
  'POST /:locale/meetings/:slug/registration/:token/accept': PARTICIPANT_LINK,
  'POST /:locale/meetings/:slug/registration/:token/decline': PARTICIPANT_LINK,
  'GET /:locale/meetings/:slug/registration/:token/cancel': PARTICIPANT_LINK,
  'POST /:locale/meetings/:slug/registration/:token/cancel': PARTICIPANT_LINK,
  'GET /:locale/admin/meetings': SECRETARIAT_GET,
  'GET /:locale/admin/meetings/new': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/new': SECRETARIAT_POST,
  'GET /:locale/admin/meetings/:slug/edit': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/:slug/edit': SECRETARIAT_POST,
  'GET /:locale/admin/meetings/:slug/programme': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/:slug/programme': SECRETARIAT_POST,
  'GET /:locale/admin/meetings/:slug/programme/:id': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/:slug/programme/:id': SECRETARIAT_POST,
  'POST /:locale/admin/meetings/:slug/programme/:id/remove': SECRETARIAT_POST,
  'GET /:locale/admin/meetings/:slug/categories': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/:slug/categories': SECRETARIAT_POST,
  'GET /:locale/admin/meetings/:slug/categories/:id': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/:slug/categories/:id': SECRETARIAT_POST,
  'POST /:locale/admin/meetings/:slug/categories/:id/remove': SECRETARIAT_POST,
  'GET /:locale/admin/meetings/:slug/activities': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/:slug/activities': SECRETARIAT_POST,
  'GET /:locale/admin/meetings/:slug/activities/:id': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/:slug/activities/:id': SECRETARIAT_POST,
  'GET /:locale/admin/meetings/:slug/questions': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/:slug/questions': SECRETARIAT_POST,
  'POST /:locale/admin/meetings/:slug/questions/:id/remove': SECRETARIAT_POST,
  'POST /:locale/admin/meetings/:slug/capacity': SECRETARIAT_POST,
  'GET /:locale/admin/meetings/:slug/registrations': SECRETARIAT_GET,
  'GET /:locale/admin/meetings/:slug/registrations.:format': SECRETARIAT_GET,
  'GET /:locale/admin/meetings/:slug/registrations/:id': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/:slug/registrations/:id/:decision': SECRETARIAT_POST,
  'POST /:locale/admin/meetings/:slug/registrations/:id/category': SECRETARIAT_POST,
  'POST /:locale/admin/meetings/:slug/registrations/email': SECRETARIAT_POST,
  'GET /:locale/admin/meetings/:slug/badges.pdf': SECRETARIAT_GET,
  'GET /:locale/admin/meetings/:slug/catering': SECRETARIAT_GET,
  'GET /:locale/admin/meetings/:slug/catering.csv': SECRETARIAT_GET,
  'GET /:locale/admin/meetings/:slug/check-in': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/:slug/check-in/:id': SECRETARIAT_POST,
  'GET /:locale/admin/meetings/:slug/dashboard': SECRETARIAT_GET,
  'GET /:locale/admin/meetings/:slug/financing': SECRETARIAT_GET,
  'GET /:locale/admin/meetings/:slug/financing.:format': SECRETARIAT_GET,
  'POST /:locale/admin/meetings/:slug/financing/:id': SECRETARIAT_POST,
  // Communications
  'GET /:locale/newsletter': PUBLIC,
  'GET /:locale/newsletter/:slug': PUBLIC,
  'GET /:locale/newsletter/feed.atom': PUBLIC,
  'GET /:locale/newsletter/images/:key': NOWHERE, // the demo has no image
  'GET /:locale/newsletter/mine': SIGNED_IN_GET,
  'GET /:locale/newsletter/confirm/:token': SUBSCRIBER_LINK,
  'GET /:locale/newsletter/preferences/:token': SUBSCRIBER_LINK,
  'POST /:locale/newsletter/preferences/:token': SUBSCRIBER_LINK,
  'GET /:locale/newsletter/unsubscribe/:token': SUBSCRIBER_LINK,
  'POST /:locale/newsletter/unsubscribe/:token': SUBSCRIBER_LINK,
  'POST /:locale/newsletter/resubscribe/:token': SUBSCRIBER_LINK,
  'GET /:locale/admin/subscribers': SECRETARIAT_GET,
  'GET /:locale/admin/subscribers/:id': SECRETARIAT_GET,
  'GET /:locale/admin/subscribers/export.:format': SECRETARIAT_GET,
  'POST /:locale/admin/subscribers/:id/unsubscribe': SECRETARIAT_POST,
  'POST /:locale/admin/subscribers/:id/clear-bounce': SECRETARIAT_POST,
  'GET /:locale/admin/subscribers/import': SECRETARIAT_GET,
  'POST /:locale/admin/subscribers/import': SECRETARIAT_POST,
  'POST /:locale/admin/subscribers/import/confirm': SECRETARIAT_POST,
  'GET /:locale/admin/newsletter': SECRETARIAT_GET,
  'POST /:locale/admin/newsletter': SECRETARIAT_POST,
  'POST /:locale/admin/newsletter/settings': SECRETARIAT_POST,
  'GET /:locale/admin/newsletter/:id': SECRETARIAT_GET,
  'GET /:locale/admin/newsletter/:id/preview': SECRETARIAT_GET,
  'GET /:locale/admin/newsletter/:id/email': SECRETARIAT_GET,
  'GET /:locale/admin/newsletter/:id/progress': SECRETARIAT_GET,
  'GET /:locale/admin/newsletter/:id/progress.json': SECRETARIAT_GET,
  'POST /:locale/admin/newsletter/:id/version': SECRETARIAT_POST,
  'POST /:locale/admin/newsletter/:id/image': SECRETARIAT_POST,
  'POST /:locale/admin/newsletter/:id/audience': SECRETARIAT_POST,
  'POST /:locale/admin/newsletter/:id/test': SECRETARIAT_POST,
  'POST /:locale/admin/newsletter/:id/send': SECRETARIAT_POST,
  'POST /:locale/admin/newsletter/:id/unschedule': SECRETARIAT_POST,
  'POST /:locale/admin/newsletter/:id/pause': SECRETARIAT_POST,
  'POST /:locale/admin/newsletter/:id/resume': SECRETARIAT_POST,
  'POST /:locale/admin/newsletter/:id/cancel': SECRETARIAT_POST,
  // Working groups
  'GET /:locale/working-groups': PUBLIC,
  'GET /:locale/working-groups/:slug': PUBLIC,
  'GET /:locale/working-groups/:slug/reports/:report': PUBLIC,
  'GET /:locale/working-groups/:slug/reports/:report/v/:number': PUBLIC,
  'GET /:locale/working-groups/:slug/reports/:report/v/:number/original': PUBLIC,
  'GET /:locale/working-groups/:slug/reports/:report/compare/:from/:to': PUBLIC,
  'GET /:locale/working-groups/:slug/reports/:report/compare': PUBLIC,
  'GET /:locale/working-groups/:slug/images/:key': NOWHERE,
  'GET /:locale/working-groups/:slug/reports/new': GROUP_CHAIR_GET,
  'POST /:locale/working-groups/:slug/reports': GROUP_CHAIR_POST,
  'POST /:locale/working-groups/:slug/reports/import': GROUP_CHAIR_POST,
  'GET /:locale/working-groups/:slug/reports/:report/edit': GROUP_CHAIR_GET,
  'POST /:locale/working-groups/:slug/reports/:report': GROUP_CHAIR_POST,
  'POST /:locale/working-groups/:slug/reports/:report/import': GROUP_CHAIR_POST,
  'POST /:locale/working-groups/:slug/reports/:report/publish': GROUP_CHAIR_POST,
  'GET /:locale/working-groups/:slug/reports/:report/v/:number/translate/:language': GROUP_CHAIR_GET,
  'POST /:locale/working-groups/:slug/reports/:report/v/:number/translate/:language': GROUP_CHAIR_POST,
  'POST /:locale/working-groups/:slug/join': row('no', 'no', 'no', 'ok', 'no', 'no'), // the chair and the group member are told they are in already
  'POST /:locale/working-groups/:slug/leave': row('no', 'no', 'no', 'no', 'no', 'no', 'no', 'ok'),
  'GET /:locale/working-groups/:slug/manage': GROUP_CHAIR_GET,
  'POST /:locale/working-groups/:slug/texts': GROUP_CHAIR_POST,
  'POST /:locale/working-groups/:slug/requests/:id/:decision': GROUP_CHAIR_POST,
  'POST /:locale/working-groups/:slug/members/:userId/remove': GROUP_CHAIR_POST,
  'POST /:locale/working-groups/:slug/chairs': SECRETARIAT_POST,
  'POST /:locale/working-groups/:slug/chairs/:userId/remove': SECRETARIAT_POST,
  'POST /:locale/working-groups/:slug/close': SECRETARIAT_POST,
  'POST /:locale/working-groups/:slug/reopen': SECRETARIAT_POST,
  'GET /:locale/consultations': PUBLIC,
  'GET /:locale/consultations/:slug': PUBLIC,
  'GET /:locale/consultations/:slug/figures': PUBLIC,
  'GET /:locale/consultations/:slug/s/:section': PUBLIC,
  'GET /:locale/consultations/:slug/whole': PUBLIC,
  'GET /:locale/consultations/code-of-conduct': PUBLIC,
  'GET /:locale/consultations/:slug/invited/:key': PARTICIPANT_LINK,
  'GET /:locale/consultations/:slug/by-email': PUBLIC,
  'POST /:locale/consultations/:slug/by-email': SIGNED_IN_POST,
  'GET /:locale/consultations/:slug/p/:block': PUBLIC,
  'POST /:locale/consultations/:slug/p/:block': SIGNED_IN_POST,
  'GET /:locale/consultations/:slug/general': PUBLIC,
  'POST /:locale/consultations/:slug/general': SIGNED_IN_POST,
  'GET /:locale/consultations/:slug/comments/:id/flag': SIGNED_IN_GET,
  'POST /:locale/consultations/:slug/comments/:id/flag': SIGNED_IN_POST,
  'GET /:locale/consultations/profile': PUBLIC, // anonymous readers are sent to take part first
  'POST /:locale/consultations/profile': SIGNED_IN_POST,
  'GET /:locale/consultations/take-part': PUBLIC,
  'POST /:locale/consultations/take-part': PUBLIC,
  'GET /:locale/consultations/new/:group/:report/:number': GROUP_CHAIR_GET,
  'POST /:locale/consultations/new/:group/:report/:number': GROUP_CHAIR_POST,
  'GET /:locale/consultations/:slug/settings': GROUP_CHAIR_GET,
  'POST /:locale/consultations/:slug/settings': GROUP_CHAIR_POST,
  'GET /:locale/consultations/:slug/moderate': GROUP_CHAIR_GET,
  'GET /:locale/consultations/:slug/invite': SECRETARIAT_GET,
  'POST /:locale/consultations/:slug/invite': SECRETARIAT_POST,
  'POST /:locale/consultations/:slug/comments/:id/:action': GROUP_CHAIR_POST,
  'GET /:locale/consultations/:slug/triage': GROUP_GET,
  'POST /:locale/consultations/:slug/triage': GROUP_POST,
  'POST /:locale/consultations/:slug/triage/languages': GROUP_POST,
  // A new answer needs the comments it answers: without them there is nothing to show (the group's people get 404, others are refused first).
  'GET /:locale/consultations/:slug/answer': row('in', 'in', 'in', 'no', 'no', '404', '404', '404'),
  'POST /:locale/consultations/:slug/answer': row('no', 'no', 'no', 'no', 'no', '404', '404', '404'),
  // An answer: its group's chairs and the Secretariat (a member only when every comment it answers is handed to them).
  // The comment-and-response report: the group's chairs' and the Secretariat's until the report is final (the fixture's is not).
  'GET /:locale/consultations/:slug/responses': GROUP_CHAIR_GET,
  'GET /:locale/consultations/:slug/responses.:format': GROUP_CHAIR_GET,
  'GET /:locale/consultations/:slug/next': PUBLIC, // the next version is published
  'GET /:locale/consultations/outcome-mail/:token': PARTICIPANT_LINK,
  'POST /:locale/consultations/outcome-mail/:token': PARTICIPANT_LINK,
  'GET /:locale/consultations/:slug/answer/:id': GROUP_CHAIR_GET,
  'POST /:locale/consultations/:slug/answer/:id': GROUP_CHAIR_POST,
  /** Surveys. The demo's newsletter-readers is open to members; common-thematic-areas is closed, its results public; fixture-survey is a draft. */
  'GET /:locale/surveys': PUBLIC,
  'GET /:locale/surveys/:slug': PUBLIC,
  'GET /:locale/surveys/:slug/about': SIGNED_IN_GET,
  'POST /:locale/surveys/:slug/about': row('no', 'no', 'no', 'ok', 'ok', 'no'),
  'GET /:locale/surveys/:slug/page/:page': SIGNED_IN_GET,
  'POST /:locale/surveys/:slug/page/:page': row('no', 'no', 'no', 'ok', 'ok', 'no'),
  'GET /:locale/surveys/:slug/review': SIGNED_IN_GET,
  'POST /:locale/surveys/:slug/submit': row('no', 'no', 'no', 'ok', 'ok', 'no'),
  'GET /:locale/surveys/:slug/results': PUBLIC,
  'GET /:locale/surveys/:slug/results.csv': PUBLIC,
  'GET /:locale/surveys/:slug/results.xlsx': PUBLIC,
  /** Priority setting: the demo's cycle (priorities-2027) is in its vote, by approval; members vote, the call for themes is closed (a late proposal is sent back to the cycle's page). */
  'GET /:locale/priorities': PUBLIC,
  'GET /:locale/priorities/:slug': PUBLIC,
  'POST /:locale/priorities/:slug/propose': PUBLIC,
  'GET /:locale/priorities/:slug/vote': row('in', 'in', 'in', 'ok', 'ok', 'no'),
  'POST /:locale/priorities/:slug/vote': row('no', 'no', 'no', 'ok', 'ok', 'no'),
  'GET /:locale/admin/surveys': SECRETARIAT_GET,
  'POST /:locale/admin/surveys': SECRETARIAT_POST,
  'GET /:locale/admin/surveys/:slug': SECRETARIAT_GET,
  'GET /:locale/admin/surveys/:slug/settings': SECRETARIAT_GET,
  'POST /:locale/admin/surveys/:slug/settings': SECRETARIAT_POST,
  'GET /:locale/admin/surveys/:slug/questions/new': SECRETARIAT_GET,
  'GET /:locale/admin/surveys/:slug/questions/:key': SECRETARIAT_GET,
  'POST /:locale/admin/surveys/:slug/questions/:key': SECRETARIAT_POST,
  'POST /:locale/admin/surveys/:slug/questions/:key/remove': SECRETARIAT_POST,
  'POST /:locale/admin/surveys/:slug/open': SECRETARIAT_POST,
  'POST /:locale/admin/surveys/:slug/close': SECRETARIAT_POST,
  'GET /:locale/admin/surveys/:slug/enter': SECRETARIAT_GET,
  'POST /:locale/admin/surveys/:slug/enter': SECRETARIAT_POST,
  'GET /:locale/admin/surveys/:slug/invite': SECRETARIAT_GET,
  'POST /:locale/admin/surveys/:slug/invite': SECRETARIAT_POST,
  /** Written answers (policy readTexts: the Secretariat only), one question's at a time: fixture-survey's fixture-t has two. */
  'GET /:locale/admin/surveys/:slug/texts': SECRETARIAT_GET,
  'GET /:locale/admin/surveys/:slug/texts.csv': SECRETARIAT_GET,
  /** Priority setting: priorities-2027's vote is open (the decision cannot be recorded yet: its form is refused by the service, after the fields are checked). */
  'GET /:locale/admin/priorities': SECRETARIAT_GET,
  'POST /:locale/admin/priorities': SECRETARIAT_POST,
  'GET /:locale/admin/priorities/:slug': SECRETARIAT_GET,
  'POST /:locale/admin/priorities/:slug/settings': SECRETARIAT_POST,
  'POST /:locale/admin/priorities/:slug/themes/:id': SECRETARIAT_POST,
  'GET /:locale/admin/priorities/:slug/decide': COMMITTEE_GET,
  'POST /:locale/admin/priorities/:slug/decide': row('no', 'no', 'no', 'no', 'ok', 'ok'),
  'GET /:locale/admin/working-groups': SECRETARIAT_GET,
  'POST /:locale/admin/working-groups': SECRETARIAT_POST,
  /** Publications. The member (Wanjiru Kamau) wrote CI2027-01, in review, with a PDF; the Committee member is invited to review it. */
  'GET /oai': PUBLIC,
  'POST /oai': PUBLIC,
  /** The public API: the same JSON for everyone, whoever is signed in; the fixture consultation is open, so its outcome is not public (a 404 for all). */
  'GET /api/v1/openapi.json': PUBLIC,
  'OPTIONS /api/v1/*': PUBLIC,
  'GET /api/v1/meetings': PUBLIC,
  'GET /api/v1/meetings/:slug': PUBLIC,
  'GET /api/v1/meetings/:slug/programme': PUBLIC,
  'GET /api/v1/members': PUBLIC,
  'GET /api/v1/publications': PUBLIC,
  'GET /api/v1/publications/:key': PUBLIC,
  'GET /api/v1/consultations': PUBLIC,
  'GET /api/v1/figures': PUBLIC,
  'GET /api/v1/consultations/:slug': PUBLIC,
  'GET /api/v1/consultations/:slug/outcome': NOWHERE,
  'GET /api/v1/consultations/:slug/outcome/comments': NOWHERE,
  /** The Secretariat's API tokens (a token that does not exist is revoked as "unchanged"). */
  'GET /:locale/admin/api-tokens': SECRETARIAT_GET,
  'POST /:locale/admin/api-tokens': SECRETARIAT_POST,
  'POST /:locale/admin/api-tokens/:id/revoke': SECRETARIAT_POST,
  'GET /:locale/publications': PUBLIC,
  'GET /:locale/publications/feed.atom': PUBLIC,
  'GET /:locale/publications/calls': PUBLIC,
  'GET /:locale/publications/:key': PUBLIC,
  'GET /:locale/publications/:key/text': PUBLIC,
  'GET /:locale/publications/:key/file': PUBLIC,
  'GET /:locale/publications/:key/v/:number': PUBLIC,
  'GET /:locale/publications/:key/v/:number/file': PUBLIC,
  'GET /:locale/publications/:key/pdf': PUBLIC,
  'GET /:locale/publications/:key/v/:number/pdf': PUBLIC,
  'GET /:locale/publications/:key/cite/:format': PUBLIC,
  'GET /:locale/publications/:key/v/:number/cite/:format': PUBLIC,
  'GET /:locale/publications/calls/:slug/submit': SIGNED_IN_GET,
  'POST /:locale/publications/calls/:slug/submit': SIGNED_IN_POST,
  'GET /:locale/publications/mine': SIGNED_IN_GET,
  'GET /:locale/publications/reviews': SIGNED_IN_GET,
  'GET /:locale/publications/mine/:key': OWN_SUBMISSION_GET,
  'GET /:locale/publications/mine/:key/pdf': OWN_SUBMISSION_GET,
  'GET /:locale/publications/mine/:key/withdraw': OWN_SUBMISSION_GET,
  'GET /:locale/publications/mine/:key/revise': OWN_SUBMISSION_GET,
  'POST /:locale/publications/mine/:key/withdraw': OWN_SUBMISSION_POST,
  'POST /:locale/publications/mine/:key/revise': OWN_SUBMISSION_POST,
  'GET /:locale/publications/reviews/:id': OWN_REVIEW_GET,
  'GET /:locale/publications/reviews/:id/pdf': OWN_REVIEW_GET,
  'POST /:locale/publications/reviews/:id': OWN_REVIEW_POST,
  'POST /:locale/publications/reviews/:id/answer': OWN_REVIEW_POST,
  'GET /:locale/admin/publications': SECRETARIAT_GET,
  'GET /:locale/admin/publications/calls': SECRETARIAT_GET,
  'GET /:locale/admin/publications/calls/new': SECRETARIAT_GET,
  'POST /:locale/admin/publications/calls/new': SECRETARIAT_POST,
  'GET /:locale/admin/publications/:key': SECRETARIAT_GET,
  'GET /:locale/admin/publications/:key/pdf': SECRETARIAT_GET,
  'POST /:locale/admin/publications/:key/steps/:action': SECRETARIAT_POST,
  'POST /:locale/admin/publications/:key/reviewers': SECRETARIAT_POST,
  'GET /:locale/admin/publications/:key/texts': SECRETARIAT_GET,
  'POST /:locale/admin/publications/:key/texts': SECRETARIAT_POST,
  'GET /:locale/admin/publications/:key/tags': SECRETARIAT_GET,
  'POST /:locale/admin/publications/:key/tags': SECRETARIAT_POST,
  'GET /:locale/admin/publications/:key/versions/new': SECRETARIAT_GET,
  'POST /:locale/admin/publications/:key/versions': SECRETARIAT_POST,
  'GET /:locale/admin/publications/:key/translations/new': SECRETARIAT_GET,
  'POST /:locale/admin/publications/:key/translations': SECRETARIAT_POST,
  // The DOI metadata of a published item, for its editors: a 404 for them too here, where the site has no DOI prefix (doi.db.test.ts sets one).
  'GET /:locale/admin/publications/:key/doi/:format': row('in', 'in', 'in', 'no', 'no', '404'),
  /** Who takes part: public, with its downloads; the targets' dashboard for the Steering Committee and the Secretariat, who alone sets and removes them (a target of no such id: a 404). */
  'GET /:locale/who-takes-part': PUBLIC,
  'GET /:locale/who-takes-part.csv': PUBLIC,
  'GET /:locale/who-takes-part.xlsx': PUBLIC,
  'GET /:locale/admin/figures': COMMITTEE_GET,
  'POST /:locale/admin/figures/targets': SECRETARIAT_POST,
  'POST /:locale/admin/figures/targets/:id/delete': row('no', 'no', 'no', 'no', 'no', '404'),
  /** The annual report: the years' list and each year's PDF, for the Steering Committee and the Secretariat (a year or a language no report is offered for: a 404). */
  'GET /:locale/admin/annual-report': COMMITTEE_GET,
  'GET /:locale/admin/annual-report/:year.pdf': COMMITTEE_GET,
};


/**
 * Gives every path parameter a real value for each person (their own private link, or a made-up
 * one for the others): call once on a freshly seeded demo alliance. Returns the session cookies of
 * the signed-in people too.
 */
export async function routeFixtures(t: TestApp): Promise<{ cookies: Partial<Record<Persona, string>>; param: (route: string, name: string, who: Persona) => string }> {

  // A meeting open for registration, with everything its pages show; the link holder is registered.
  const meetingId = await openMeeting(t.db, { slug: 'forum', financingBudget: 10000, capacity: 5, categories: [{ slug: 'practitioner', name: { en: 'Practitioner' } }, { slug: 'press', name: { en: 'Press' } }] });
  const [session] = await t.db.insert(meetingSessions).values({ meetingId, kind: 'panel', title: { en: 'Panel' }, startsAt: new Date(Date.now() + 60 * 86_400_000), endsAt: new Date(Date.now() + 60 * 86_400_000 + 3_600_000) }).returning();
  const [activity] = await t.db.insert(sideActivities).values({ meetingId, slug: 'visit', title: { en: 'Visit' }, description: { en: '' }, startsAt: new Date(Date.now() + 62 * 86_400_000), endsAt: new Date(Date.now() + 62 * 86_400_000 + 3_600_000), capacity: 10 }).returning();
  const [question] = await t.db.insert(meetingQuestions).values({ meetingId, kind: 'text', label: { en: 'Why?' } }).returning();
  const holder = 'holder@example.org';
  const reg = await register(t.db, { meetingId, categorySlug: 'practitioner', baseUrl: t.config.baseUrl, who: { email: holder, name: 'Link Holder', organization: '', country: 'BO', locale: 'en', answers: { passportName: 'HOLDER Link' } } });
  if (!reg.ok || reg.repeat) throw new Error('registration');
  const [regRow] = await t.db.select().from(registrations).where(eq(registrations.email, holder));
  await requestFinancing(t.db, regRow!.id, { travel: true, accommodation: false, justification: 'x', estimatedCost: 100 });
  const [financing] = await t.db.select().from(financingRequests);
  const [category] = await t.db.select().from(participantCategories).where(eq(participantCategories.meetingId, meetingId));
  // The applicant's draft, the link holder's newsletter links and a sign-in link of theirs.
  const started = await startApplication(t.db, { kind: 'individual', email: 'applicant@example.org', locale: 'en', baseUrl: t.config.baseUrl });
  if (!('resumeToken' in started)) throw new Error('application');
  const confirm = (await t.db.select().from(outbox).where(eq(outbox.toAddress, 'applicant@example.org')).orderBy(desc(outbox.id)))[0]!.text.match(/\/apply\/confirm\/([\w-]+)/)![1]!;
  await t.db.transaction((tx) => subscribeWithConsent(tx, { email: holder, name: 'Link Holder', locale: 'en', source: 'membership' }));
  const [sub] = await t.db.select().from(subscriptions).where(eq(subscriptions.email, holder));
  const subscriberToken = unsubscribeUrls(t.config.baseUrl, t.config.sessionSecret, sub!).token;
  const { id: holderId } = await ensureUser(t.db, { email: holder, name: 'Link Holder' });
  const signInToken = (await createSignInLink(t.db, holderId, t.config.baseUrl, 'en')).split('/').at(-1)!;
  const secretariat = (await actorByEmail(t.db, DEMO_SECRETARIAT_EMAIL))!;
  const draftIssue = await createIssue(t.db, secretariat, { slug: 'draft-issue', defaultLocale: 'en' });
  if (!draftIssue.ok) throw new Error('issue');
  await saveVersion(t.db, secretariat, (await getIssue(t.db, secretariat, draftIssue.id))!, 'en', { subject: 'Draft', body: 'Hello.' });

  const [recommended] = await t.db.select().from(applications).where(eq(applications.status, 'recommended'));
  const [memberOne] = await t.db.select().from(members).where(eq(members.number, 1)); // Centre for Learning Research: wanjiru@clr.example.org
  const [memberSix] = await t.db.select().from(members).where(eq(members.number, 6)); // Ana Pereira
  const [ana] = await t.db.select().from(users).where(eq(users.email, 'ana.pereira@example.org'));
  const [liWei] = await t.db.select().from(users).where(eq(users.email, 'li.wei@steering.example'));
  const [mail] = await t.db.select().from(outbox).limit(1);
  const asset = (await t.app.inject({ method: 'GET', url: '/en' })).body.match(/href="(\/static\/[^"]+\.css)"/)![1]!;

  // A request to join the Foundational Learning group, for its chair to decide; a member and a chair it may remove.
  const group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
  const [kwame] = await t.db.select().from(users).where(eq(users.email, 'kwame.mensah@example.org'));
  const [lan] = await t.db.select().from(users).where(eq(users.email, 'nguyen.lan@example.org'));
  await t.db.insert(workingGroupRequests).values({ groupId: group.id, userId: liWei!.id, message: 'I would like to help.' });
  const [joinRequest] = await t.db.select().from(workingGroupRequests).where(eq(workingGroupRequests.groupId, group.id));
  // A report of that group in two published versions.
  const text = '# Background report\n\nChildren learn to read in the first three grades.\n\n## Recommendations\n\nTeach in the language children speak at home.';
  await createPage(t.db, secretariat, { slug: 'fixture-page', title: 'Visiting the Secretariat', body: 'Our offices are open on weekdays.' }, 'en');
  // A draft survey whose first question another depends on (so removing it is refused, whatever order the table is walked in).
  const fixtureQuestion = (key: string, when: Question['when']) => surveyQuestion({ key, page: when.length ? 2 : 1, type: 'single', required: true, text: { en: `Question ${key}` }, choices: [{ key: 'yes', label: { en: 'Yes' } }, { key: 'no', label: { en: 'No' } }], when });
  // It also has a question answered in words (fixture-t), with two answers, for the page of written answers.
  const fixtureSurvey = await addSurvey(t.db, {
    slug: 'fixture-survey',
    title: { en: 'Fixture survey' },
    locales: ['en'],
    questions: [fixtureQuestion('fixture-q', []), fixtureQuestion('fixture-r', [{ question: 'fixture-q', op: 'equals', value: 'yes' }]), surveyQuestion({ key: 'fixture-t', page: 1, type: 'long-text', text: { en: 'Anything else?' } })],
  });
  await addResponses(t.db, fixtureSurvey!, [
    { stakeholder: null, country: null, answers: { 'fixture-q': 'no', 'fixture-t': 'More time for reading.' } },
    { stakeholder: null, country: null, answers: { 'fixture-q': 'no', 'fixture-t': 'Smaller classes.' } },
  ]);
  await createReport(t.db, secretariat, group, { slug: 'fixture-report', title: 'Background report', markdown: text }, 'en');
  const { report } = (await reportOf(t.db, secretariat, group, 'fixture-report'))!;
  await publishReport(t.db, secretariat, group, report, 'prefinal');
  await saveReport(t.db, secretariat, group, report, { title: 'Background report', markdown: text.replace('Children learn', 'Most children learn') });
  await publishReport(t.db, secretariat, group, report, 'final');
  // A consultation open on its first version, with a comment by someone who is none of the people tried.
  const held = (await getConsultationTarget(t.db, secretariat, group, 'fixture-report', 1))!;
  const opened = await openConsultation(t.db, secretariat, held, { opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 30 * 86_400_000), audience: 'public', moderation: 'post', summary: 'What the report says.', questions: [] }, 'en');
  if (!opened.ok) throw new Error('consultation');
  const consultation = (await getConsultation(t.db, opened.slug))!;
  const kwameActor = (await actorByEmail(t.db, 'kwame.mensah@example.org'))!;
  await saveProfile(t.db, kwameActor, { stakeholderGroup: 'teacher', country: 'GH', organization: '', onBehalf: 'self', display: 'name' });
  const block = consultation.version.blocks[1]!;
  const posted = await postComment(t.db, kwameActor, consultation, block.id, { body: 'A comment.', locale: 'en' }, { hasLink: false });
  if (!posted.ok) throw new Error('comment');
  const linkKey = await invitationKey(t.db, secretariat, consultation);
  const answered = await saveResponse(t.db, secretariat, consultation, null, { comments: [posted.id], disposition: 'noted', response: 'Thank you.', changed: [] }, 'en');
  if (!answered.ok) throw new Error('answer');

  // Publications: the member's brief in review gets a PDF, and the Committee member is invited to review it; the published CI2024-02 gets a PDF in both versions.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const pdfKey = await fileStore(t.db, t.config).put(pdf);
  const inReview = (await itemByNumber(t.db, 'CI2027-01'))!;
  const published = (await itemByNumber(t.db, 'CI2024-02'))!;
  await t.db.update(publications).set({ pdfKey, pdfBytes: pdf.length }).where(eq(publications.id, inReview.id));
  await t.db.update(publications).set({ pdfKey, pdfBytes: pdf.length }).where(eq(publications.id, published.id));
  await t.db.update(publicationVersions).set({ pdfKey, pdfBytes: pdf.length }).where(eq(publicationVersions.publicationId, published.id));
  const invited = await inviteReviewer(t.db, secretariat, inReview.id, { email: 'amina.diallo@steering.example', name: 'Amina Diallo', days: 14 }, { baseUrl: t.config.baseUrl, locale: 'en' });
  if (!invited.ok) throw new Error('reviewer');
  const [steeringUser] = await t.db.select().from(users).where(eq(users.email, 'amina.diallo@steering.example'));
  const [assignment] = await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.reviewerId, steeringUser!.id));

  const cookies: Partial<Record<Persona, string>> = {
    member: await signedIn(t, { email: 'wanjiru@clr.example.org' }),
    chair: await signedIn(t, { email: 'direction@ifse.example.org' }),
    wgMember: await signedIn(t, { email: 'red@aprendizaje.example.org' }),
    steering: await signedIn(t, { email: 'amina.diallo@steering.example' }),
    secretariat: await signedIn(t, { email: DEMO_SECRETARIAT_EMAIL }),
  };
  const outcomeToken = await issueStopLink(t.db, kwameActor.id);
  const junk = newToken();
  const param = (route: string, name: string, who: Persona): string => {
    if (name === 'locale') return 'en';
    if (name === 'token') {
      if (route.includes('/apply/confirm/')) return who === 'applicant' ? confirm : junk;
      if (route.includes('/apply/')) return who === 'applicant' ? started.resumeToken : junk;
      if (route.includes('/registration/')) return who === 'linkHolder' ? reg.manageToken : junk;
      if (route.includes('/newsletter/')) return who === 'linkHolder' ? subscriberToken : junk;
      if (route.includes('/sign-in/link/')) return who === 'linkHolder' ? signInToken : junk;
      if (route.includes('/outcome-mail/')) return who === 'linkHolder' ? outcomeToken : junk;
    }
    if (name === 'slug' && route.includes('/consultations/')) return opened.slug;
    if (name === 'slug' && route.includes('/admin/surveys/')) return 'fixture-survey';
    if (name === 'slug' && route.includes('/priorities/')) return 'priorities-2027';
    if (name === 'id' && route.includes('/admin/priorities/')) return '00000000-0000-4000-8000-000000000000';
    if (name === 'id' && route.includes('/admin/figures/')) return '00000000-0000-4000-8000-000000000000';
    if (name === 'year' && route.includes('/admin/annual-report/')) return '2024'; // the demo's 2024 meeting
    if (name === 'slug' && route.includes('/surveys/')) return route.includes('/results') ? 'common-thematic-areas' : 'newsletter-readers';
    if (name === 'key' && route.includes('/admin/surveys/')) return 'fixture-q';
    if (name === 'page' && route.includes('/surveys/')) return '1';
    if (name === 'slug' && route.includes('/publications/calls/')) return `compendium-${demoCallYear()}-call`;
    // The PDF generated from a version's texts: of an item without an uploaded PDF (CI2024-02 has one), in Arabic.
    if (name === 'key' && /^\/:locale\/publications\/:key(\/v\/:number)?\/pdf$/.test(route)) return 'ci2024-04';
    if (name === 'key' && route.includes('/publications/')) return /\/(mine|admin)\//.test(route) && !/\/(versions|translations|doi)/.test(route) ? 'ci2027-01' : 'ci2024-02';
    if (name === 'format' && route.includes('/cite/')) return 'bib';
    if (name === 'format' && route.includes('/doi/')) return 'crossref';
    if (name === 'action' && route.includes('/admin/publications/')) return 'decline';
    if (name === 'id' && route.includes('/publications/reviews/')) return assignment!.id;
    if (name === 'slug' && route.includes('/admin/pages/')) return 'about'; // a built-in page: removing it is refused, so the table can be walked in any order
    if (name === 'slug' && route.includes('/pages/')) return 'fixture-page';
    if (name === 'kind') return 'working-group';
    if (name === 'id' && route.includes('/translations/')) return group.id;
    if (name === 'key' && route.includes('/invited/')) return who === 'linkHolder' ? linkKey : '0'.repeat(32);
    if (name === 'slug') return route.includes('/newsletter/') ? '2024-12' : route.includes('/working-groups/') ? 'foundational-learning' : 'forum';
    if (name === 'file') return `${session!.id}.ics`;
    if (name === 'report') return 'fixture-report';
    if (name === 'number' || name === 'from') return '1';
    if (name === 'to') return '2';
    if (name === 'step') return 'about-you';
    if (name === 'language') return 'fr';
    if (name === 'block') return block.id;
    if (name === 'section') return consultation.version.blocks.find((b) => b.kind === 'heading' && b.level === 2)!.id;
    if (name === 'group') return 'foundational-learning';
    if (name === 'format') return 'csv';
    if (name === 'decision') return route.includes('/requests/') ? 'accept' : 'confirm';
    if (name === 'action') return route.includes('/comments/') ? 'approve' : 'join';
    if (name === 'activityId') return activity!.id;
    if (name === 'key') return 'no-such-image';
    if (name === 'userId') {
      if (route.includes('/chairs/')) return kwame!.id;
      if (route.includes('/members/')) return lan!.id;
      return route.includes('/membership/') ? liWei!.id : ana!.id;
    }
    if (name === 'id') {
      if (route.includes('/applications/')) return recommended!.id;
      if (route.includes('/requests/')) return joinRequest!.id;
      if (route.includes('/comments/')) return posted.id;
      if (route.includes('/answer/')) return answered.id;
      if (route.includes('/mailbox/')) return String(mail!.id);
      if (route.includes('/programme/')) return session!.id;
      if (route.includes('/categories/')) return category!.id;
      if (route.includes('/activities/')) return activity!.id;
      if (route.includes('/questions/')) return question!.id;
      if (route.includes('/financing/')) return financing!.id;
      if (route.includes('/registrations/') || route.includes('/check-in/')) return regRow!.id;
      if (route.includes('/admin/members/')) return memberSix!.id;
      if (route.includes('/membership/')) return memberOne!.id;
      if (route.includes('/admin/newsletter/')) return draftIssue.id;
      if (route.includes('/admin/subscribers/')) return sub!.id;
      if (route.includes('/admin/users/')) return liWei!.id;
      if (route.includes('/api-tokens/')) return '00000000-0000-4000-8000-000000000000';
    }
    if (route === '/static/*') return asset;
    throw new Error(`No value for :${name} in ${route}`);
  };
  return { cookies, param };
}

/** A route's URL for a person, every parameter filled in. */
export function urlFor(route: string, who: Persona, param: (route: string, name: string, who: Persona) => string): string {
  return route === '/static/*' ? param(route, '*', who) : route.replace(/:([A-Za-z]+)/g, (_, name: string) => param(route, name, who));
}
