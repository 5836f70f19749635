import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, desc, eq } from 'drizzle-orm';
import { linkIn, mailsTo, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { consentEvents, subscriptions } from './schema.js';
import { subscribeWithConsent } from './service.js';
import { subscriberToken } from './tokens.js';
import { createHmac } from 'node:crypto';
import { DEFAULT_UNSOLICITED_LIMIT } from '../../platform/mail/outbox.js';
import { listUnsubscribeHeaders, mailboxAddress, recordHardBounce, unsubscribeUrls } from './subscribers.js';

let t: TestApp;
let sec: string;
let member: string;
let steering: string;
beforeAll(async () => {
  t = await testApp({ MAIL_FROM: 'Global Alliance <newsletter@alliance.example>' });
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  member = await signedIn(t, { email: 'member@example.org', roles: ['member'] });
  steering = await signedIn(t, { email: 'sc@example.org', roles: ['steering'] });
});
afterAll(() => t.close());

const form = (over: Record<string, string | string[]> = {}) => ({ email: 'olga@example.org', name: 'Ольга Петрова', language: 'ru', topics: ['news', 'meetings'], country: 'KZ', consent: 'yes', ...over });
const subscribe = (locale: string, fields: Record<string, string | string[]>) => submitForm(t, { page: `/${locale}/subscribe`, action: `/${locale}/subscribe`, fields });
const path = (url: string) => new URL(url).pathname;
const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: { cookie } });
const subscription = async (email: string) => (await t.db.select().from(subscriptions).where(eq(subscriptions.email, email)))[0]!;
const eventsOf = async (id: string) => t.db.select().from(consentEvents).where(eq(consentEvents.subscriptionId, id)).orderBy(asc(consentEvents.id));
const tokenOf = async (email: string) => subscriberToken(t.config.sessionSecret, (await subscription(email)).id);
/** Every web address in an e-mail, both parts. */
const linksIn = (mail: { text: string; html: string }) => [...new Set([...`${mail.text} ${mail.html}`.matchAll(/https?:\/\/[^\s"<>]+/g)].map((m) => m[0].replace(/&amp;/g, '&')))];

describe('the subscribe form', () => {
  it('is in the page’s language, with the language preselected, topics, countries and consent', async () => {
    const res = await get('/ru/subscribe');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Подписаться на информационный бюллетень');
    expect(res.body).toMatch(/<option value="ru" selected>Русский<\/option>/);
    expect(res.body).toContain('value="working-groups"');
    expect(res.body).toContain('Казахстан');
    expect(res.body).toContain('name="consent"');
  });

  it('shows the form again with clear messages in French and everything typed (422), storing nothing', async () => {
    const res = await subscribe('fr', form({ email: 'olga@', topics: [], consent: '', name: 'Olga P.' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Saisissez une adresse électronique au bon format');
    expect(res.body).toContain('Choisissez au moins un thème.');
    expect(res.body).toContain('Vous devez donner votre accord pour continuer.');
    expect(res.body).toContain('value="olga@"');
    expect(res.body).toContain('value="Olga P."');
    expect(res.body).toMatch(/<option value="KZ" selected>/);
    expect(res.body).toContain('href="#f-topics"');
    expect(await t.db.select().from(subscriptions)).toHaveLength(0);
  });

  it('drops what a robot sends through the hidden field', async () => {
    const res = await subscribe('en', form({ email: 'robot@example.org', homepage: 'http://spam.example' }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check your inbox');
    expect(await t.db.select().from(subscriptions).where(eq(subscriptions.email, 'robot@example.org'))).toHaveLength(0);
    expect(await mailsTo(t, 'robot@example.org')).toHaveLength(0);
  });
});

describe('subscribing in Russian, without JavaScript, to unsubscribing and back', () => {
  let confirmPath: string;
  let token: string;

  it('answers "check your inbox" and sends a Russian confirmation e-mail with its link', async () => {
    const res = await subscribe('ru', form({ email: 'Olga@Example.org ' }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Проверьте почту');
    const sub = await subscription('olga@example.org');
    expect(sub).toMatchObject({ status: 'pending', source: 'form', locale: 'ru', name: 'Ольга Петрова', topics: ['news', 'meetings'], country: 'KZ', confirmedAt: null });
    expect(await eventsOf(sub.id)).toEqual([expect.objectContaining({ change: 'requested', source: 'form', ip: '127.0.0.1', detail: { locale: 'ru', topics: ['news', 'meetings'], country: 'KZ' } })]);
    const [mail, ...others] = await mailsTo(t, 'olga@example.org');
    expect(others).toHaveLength(0);
    expect(mail).toMatchObject({ template: 'newsletter.confirm', locale: 'ru', subject: 'Подтвердите подписку на бюллетень', priority: 0 });
    expect(mail!.text).toContain('Здравствуйте, Ольга Петрова!');
    expect(mail!.html).toContain('lang="ru"');
    confirmPath = path(linkIn(mail!.text, /http:\/\/\S+\/ru\/newsletter\/confirm\/\S+/));
    token = confirmPath.split('/').pop()!;
    expect(token).toBe(await tokenOf('olga@example.org'));
    expect(mail!.html).toContain(`href="http://127.0.0.1:3000${confirmPath}"`);
  });

  it('a mail scanner opening every link of the e-mail changes nothing but the confirmation', async () => {
    const [mail] = await mailsTo(t, 'olga@example.org');
    const links = linksIn(mail!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect((await get(path(link))).statusCode, link).toBeLessThan(400);
    const sub = await subscription('olga@example.org');
    expect(sub.status).toBe('subscribed');
    expect(sub.confirmedAt).toBeInstanceOf(Date);
    expect((await eventsOf(sub.id)).map((e) => [e.change, e.source])).toEqual([
      ['requested', 'form'],
      ['confirmed', 'link'],
    ]);
  });

  it('the confirmation link is idempotent and leads to the preferences', async () => {
    const again = await get(confirmPath);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Подписка подтверждена');
    expect(again.body).toContain(`href="/ru/newsletter/preferences/${token}"`);
    expect(again.headers['referrer-policy']).toBe('no-referrer');
    expect(await eventsOf((await subscription('olga@example.org')).id)).toHaveLength(2);
  });

  it('the preferences page shows the choices; saving changes of topics and language records each change', async () => {
    const page = await get(`/ru/newsletter/preferences/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ваша подписка на бюллетень');
    expect(page.body).toMatch(/value="news" checked/);
    expect(page.body).not.toMatch(/value="publications" checked/);
    const empty = await submitForm(t, { page: `/ru/newsletter/preferences/${token}`, action: `/ru/newsletter/preferences/${token}`, fields: { language: 'ru', topics: [] } });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Выберите хотя бы одну тему или отпишитесь ниже.');
    const res = await submitForm(t, { page: `/ru/newsletter/preferences/${token}`, action: `/ru/newsletter/preferences/${token}`, fields: { language: 'fr', topics: ['publications', 'news'] } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/fr/newsletter/preferences/${token}?notice=saved`);
    const sub = await subscription('olga@example.org');
    expect(sub).toMatchObject({ status: 'subscribed', locale: 'fr', topics: ['news', 'publications'] });
    const events = await eventsOf(sub.id);
    expect(events.slice(2)).toEqual([
      expect.objectContaining({ change: 'topics-changed', source: 'link', ip: '127.0.0.1', detail: { from: ['news', 'meetings'], to: ['news', 'publications'] } }),
      expect.objectContaining({ change: 'language-changed', source: 'link', detail: { from: 'ru', to: 'fr' } }),
    ]);
    expect((await get(res.headers.location as string)).body).toContain('Vos choix ont été enregistrés.');
  });

  it('opening the unsubscribe link changes nothing: it shows one button', async () => {
    const page = await get(`/ru/newsletter/unsubscribe/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Отписаться от бюллетеня');
    expect(page.body.match(/<button type="submit"/g)).toHaveLength(1);
    expect(page.body).toContain(`action="/ru/newsletter/unsubscribe/${token}"`);
    expect((await subscription('olga@example.org')).status).toBe('subscribed');
  });

  it('the button unsubscribes at once and offers to subscribe again', async () => {
    const res = await submitForm(t, { page: `/ru/newsletter/unsubscribe/${token}`, action: `/ru/newsletter/unsubscribe/${token}`, fields: {} });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Вы отписались');
    expect(res.body).toContain(`action="/ru/newsletter/resubscribe/${token}"`);
    const sub = await subscription('olga@example.org');
    expect(sub.status).toBe('unsubscribed');
    expect((await eventsOf(sub.id)).at(-1)).toMatchObject({ change: 'unsubscribed', source: 'link', ip: '127.0.0.1' });
    // Unsubscribing twice records nothing more.
    const twice = await t.app.inject({ method: 'POST', url: `/ru/newsletter/unsubscribe/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(twice.statusCode).toBe(200);
    expect(await eventsOf(sub.id)).toHaveLength(5);
  });

  it('an old confirmation link never subscribes again an address that unsubscribed', async () => {
    const res = await get(confirmPath);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Вы отписались');
    expect((await subscription('olga@example.org')).status).toBe('unsubscribed');
  });

  it('"subscribe again" subscribes directly, from the private link', async () => {
    const res = await submitForm(t, { page: `/ru/newsletter/unsubscribe/${token}`, action: `/ru/newsletter/resubscribe/${token}`, fields: {} });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/ru/newsletter/preferences/${token}?notice=resubscribed`);
    const sub = await subscription('olga@example.org');
    expect(sub.status).toBe('subscribed');
    expect((await eventsOf(sub.id)).at(-1)).toMatchObject({ change: 'resubscribed', source: 'link' });
    expect((await get(res.headers.location as string)).body).toContain('Подписка возобновлена.');
  });
});

describe('what the subscribe page never reveals', () => {
  it('an address already subscribed gets the same page, and its owner a mail with the preferences link; nothing changes', async () => {
    const before = await subscription('olga@example.org');
    const mails = (await mailsTo(t, 'olga@example.org')).length;
    const res = await subscribe('en', form({ name: 'Someone else', language: 'en', topics: ['meetings'] }));
    expect(res.statusCode).toBe(200);
    const fresh = await subscribe('en', form({ email: 'new-person@example.org', language: 'en' }));
    expect(res.body.replace(/olga@example\.org/g, 'X').replace(/name="_(csrf|once)" value="[^"]*"/g, '')).toBe(
      fresh.body.replace(/new-person@example\.org/g, 'X').replace(/name="_(csrf|once)" value="[^"]*"/g, ''),
    );
    const after = await subscription('olga@example.org');
    expect(after).toMatchObject({ status: 'subscribed', name: before.name, locale: before.locale, topics: before.topics });
    expect(await eventsOf(after.id)).toHaveLength((await eventsOf(before.id)).length);
    const [mail] = await mailsTo(t, 'olga@example.org');
    expect((await mailsTo(t, 'olga@example.org')).length).toBe(mails + 1);
    expect(mail).toMatchObject({ template: 'newsletter.already-subscribed', locale: 'fr' });
    expect(path(linkIn(mail!.text, /http:\/\/\S+\/newsletter\/preferences\/\S+/))).toBe(`/fr/newsletter/preferences/${await tokenOf('olga@example.org')}`);
    expect(mail!.text).not.toMatch(/newsletter\/confirm/);
  });

  it('an address that unsubscribed goes through confirmation again; meanwhile consent given elsewhere does not override its "no"', async () => {
    expect((await subscribe('es', form({ email: 'ana@example.org', name: 'Ana', language: 'es' }))).statusCode).toBeLessThan(400);
    const [first] = await mailsTo(t, 'ana@example.org');
    await get(path(linkIn(first!.text, /http:\/\/\S+\/newsletter\/confirm\/\S+/)));
    const token = await tokenOf('ana@example.org');
    expect((await submitForm(t, { page: `/es/newsletter/unsubscribe/${token}`, action: `/es/newsletter/unsubscribe/${token}`, fields: {} })).statusCode).toBeLessThan(400);
    expect((await subscription('ana@example.org')).status).toBe('unsubscribed');

    const res = await subscribe('es', form({ email: 'ana@example.org', name: 'Ana', language: 'es', topics: ['publications'] }));
    expect(res.body).toContain('Revise su bandeja de entrada');
    const sub = await subscription('ana@example.org');
    expect(sub).toMatchObject({ status: 'pending', topics: ['publications'] });
    expect((await eventsOf(sub.id)).at(-1)).toMatchObject({ change: 'requested', detail: expect.objectContaining({ previous: 'unsubscribed' }) });
    // Until she confirms, a membership approval does not subscribe her.
    await t.db.transaction((tx) => subscribeWithConsent(tx, { email: 'ana@example.org', name: 'Ana', locale: 'es', source: 'membership' }));
    expect((await subscription('ana@example.org')).status).toBe('pending');

    const [mail] = await mailsTo(t, 'ana@example.org');
    expect(mail).toMatchObject({ template: 'newsletter.confirm', locale: 'es', subject: 'Confirme su suscripción al boletín' });
    const confirmed = await get(path(linkIn(mail!.text, /http:\/\/\S+\/newsletter\/confirm\/\S+/)));
    expect(confirmed.body).toContain('Su suscripción está confirmada');
    expect((await subscription('ana@example.org')).status).toBe('subscribed');
  });

  it(`sends at most ${DEFAULT_UNSOLICITED_LIMIT} such e-mails an hour to one address, whatever is typed in the form and from wherever`, async () => {
    for (let i = 0; i < DEFAULT_UNSOLICITED_LIMIT + 2; i++) {
      const res = await submitForm(t, { page: '/en/subscribe', action: '/en/subscribe', fields: form({ email: 'flooded@example.org', language: 'en' }), remoteAddress: `10.1.0.${i + 1}` });
      expect(res.statusCode).toBe(200);
    }
    expect(await mailsTo(t, 'flooded@example.org')).toHaveLength(DEFAULT_UNSOLICITED_LIMIT);
  });
});

describe('one-click unsubscribe (RFC 8058) and the links of a newsletter', () => {
  it('builds the List-Unsubscribe headers from an unsubscribe-only link and the sender’s address', async () => {
    const sub = await subscription('olga@example.org');
    const links = unsubscribeUrls('https://alliance.example/', 'x'.repeat(40), { id: sub.id, locale: 'fr' });
    expect(links.unsubscribe).toBe(`https://alliance.example/fr/newsletter/unsubscribe/${subscriberToken('x'.repeat(40), sub.id)}`);
    expect(links.oneClick).toBe(`https://alliance.example/fr/newsletter/unsubscribe/${subscriberToken('x'.repeat(40), sub.id, 'unsubscribe')}`);
    expect(links.oneClick).not.toBe(links.unsubscribe);
    expect(links.preferences).toBe(`https://alliance.example/fr/newsletter/preferences/${links.token}`);
    expect(mailboxAddress('Global Alliance <newsletter@alliance.example>')).toBe('newsletter@alliance.example');
    expect(mailboxAddress('no-reply@bridges.invalid')).toBe('no-reply@bridges.invalid');
    const headers = listUnsubscribeHeaders(t.config, sub);
    expect(headers).toEqual({
      'List-Unsubscribe': `<http://127.0.0.1:3000/fr/newsletter/unsubscribe/${subscriberToken(t.config.sessionSecret, sub.id, 'unsubscribe')}>, <mailto:newsletter@alliance.example?subject=unsubscribe>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('the link a mail provider gets can only unsubscribe: it opens no preferences, no resubscribe, no confirmation', async () => {
    await t.db.transaction((tx) => subscribeWithConsent(tx, { email: 'provider@example.org', name: 'P', locale: 'en', source: 'membership' }));
    const sub = await subscription('provider@example.org');
    const oneClick = subscriberToken(t.config.sessionSecret, sub.id, 'unsubscribe');
    const legacy = `${sub.id}.${createHmac('sha256', t.config.sessionSecret).update(`newsletter:${sub.id}`).digest('base64url').slice(0, 32)}`; // a link from before purposes
    for (const token of [oneClick, legacy]) {
      for (const p of ['preferences', 'confirm']) expect((await get(`/en/newsletter/${p}/${token}`)).statusCode, `${p}`).toBe(404);
      const page = await get(`/en/newsletter/unsubscribe/${token}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('/newsletter/preferences/');
      const prefs = await submitForm(t, { page: `/en/newsletter/unsubscribe/${token}`, action: `/en/newsletter/preferences/${token}`, fields: { language: 'fr', topics: ['news'] }, forge: true });
      expect(prefs.statusCode).toBe(404);
    }
    const done = await t.app.inject({ method: 'POST', url: `/en/newsletter/unsubscribe/${oneClick}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(done.statusCode).toBe(200);
    expect(done.body).not.toContain('/newsletter/resubscribe/');
    const again = await submitForm(t, { page: '/en/subscribe', action: `/en/newsletter/resubscribe/${oneClick}`, fields: {}, forge: true });
    expect(again.statusCode).toBe(404);
    expect(await subscription('provider@example.org')).toMatchObject({ status: 'unsubscribed', locale: 'en' });
    await t.db.delete(subscriptions).where(eq(subscriptions.id, sub.id)); // the Secretariat's counts below know nothing of this one
  });

  it('a mail provider’s POST, with no cookie and no CSRF token, unsubscribes at once (200, source one-click)', async () => {
    const sub = await subscription('olga@example.org');
    const url = path(listUnsubscribeHeaders(t.config, sub)['List-Unsubscribe']!.match(/<(http[^>]+)>/)![1]!);
    const res = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(res.statusCode).toBe(200);
    expect((await subscription('olga@example.org')).status).toBe('unsubscribed');
    expect((await eventsOf(sub.id)).at(-1)).toMatchObject({ change: 'unsubscribed', source: 'one-click', ip: '127.0.0.1' });
  });

  it('accepts the same POST as multipart/form-data', async () => {
    await t.db.transaction((tx) => subscribeWithConsent(tx, { email: 'multi@example.org', name: 'M', locale: 'zh', source: 'membership' }));
    const token = await tokenOf('multi@example.org');
    const body = new FormData();
    body.append('List-Unsubscribe', 'One-Click');
    const req = new Request('http://x/', { method: 'POST', body });
    const res = await t.app.inject({ method: 'POST', url: `/zh/newsletter/unsubscribe/${token}`, headers: { 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(await req.arrayBuffer()) });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('您已退订');
    const sub = await subscription('multi@example.org');
    expect(sub.status).toBe('unsubscribed');
    expect((await eventsOf(sub.id)).at(-1)).toMatchObject({ change: 'unsubscribed', source: 'one-click' });
  });

  it('other state-changing links still need the CSRF token', async () => {
    const token = await tokenOf('multi@example.org');
    const res = await t.app.inject({ method: 'POST', url: `/zh/newsletter/resubscribe/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(res.statusCode).toBe(403);
    expect((await subscription('multi@example.org')).status).toBe('unsubscribed');
  });

  it('a forged or unknown token is a 404 page, on every link, and changes nothing', async () => {
    const real = await tokenOf('ana@example.org');
    const forged = `${real.slice(0, -4)}AAAA`;
    const erased = subscriberToken(t.config.sessionSecret, '00000000-0000-4000-8000-000000000000');
    for (const token of [forged, erased, 'nonsense']) {
      for (const p of ['confirm', 'preferences', 'unsubscribe']) {
        const res = await get(`/en/newsletter/${p}/${token}`);
        expect(res.statusCode, `${p} ${token}`).toBe(404);
        expect(res.body).toContain('This link does not work');
      }
      const post = await t.app.inject({ method: 'POST', url: `/en/newsletter/unsubscribe/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      expect(post.statusCode).toBe(404);
    }
    expect((await subscription('ana@example.org')).status).toBe('subscribed');
  });
});

describe('hard bounces', () => {
  it('marks an address undeliverable at the limit, with a consent event', async () => {
    await t.db.transaction((tx) => subscribeWithConsent(tx, { email: 'bouncy@example.org', name: 'B', locale: 'en', source: 'membership' }));
    const sub = await subscription('bouncy@example.org');
    expect(await recordHardBounce(t.db, sub.id, 2)).toEqual({ hardBounces: 1, undeliverable: false });
    expect((await subscription('bouncy@example.org')).undeliverableAt).toBeNull();
    expect(await recordHardBounce(t.db, sub.id, 2)).toEqual({ hardBounces: 2, undeliverable: true });
    expect((await subscription('bouncy@example.org')).undeliverableAt).toBeInstanceOf(Date);
    expect(await recordHardBounce(t.db, sub.id, 2)).toEqual({ hardBounces: 3, undeliverable: true });
    expect((await eventsOf(sub.id)).filter((e) => e.change === 'undeliverable')).toEqual([expect.objectContaining({ source: 'bounce', detail: { hardBounces: 2, limit: 2 } })]);
  });
});

describe('the Secretariat', () => {
  it('only the Secretariat sees the subscribers’ pages', async () => {
    const id = (await subscription('ana@example.org')).id;
    for (const p of ['/admin/subscribers', '/admin/subscribers/import', `/admin/subscribers/${id}`, '/admin/subscribers/export.csv']) {
      const anonymous = await get(`/en${p}`);
      expect(anonymous.statusCode, p).toBe(302);
      expect(anonymous.headers.location).toContain('/en/sign-in');
      expect((await get(`/en${p}`, member)).statusCode, p).toBe(403);
      expect((await get(`/en${p}`, steering)).statusCode, p).toBe(403);
      expect((await get(`/en${p}`, sec)).statusCode, p).toBe(200);
    }
    for (const action of [`/en/admin/subscribers/${id}/unsubscribe`, `/en/admin/subscribers/${id}/clear-bounce`, '/en/admin/subscribers/import/confirm']) {
      const res = await submitForm(t, { page: '/en/subscribe', action, cookie: member, fields: {}, forge: true });
      expect(res.statusCode, action).toBe(403);
    }
    expect((await subscription('ana@example.org')).status).toBe('subscribed');
    expect(await t.db.select().from(auditLog).where(eq(auditLog.actorEmail, 'member@example.org'))).toHaveLength(0);
  });

  it('lists subscribers with counts, filters and search', async () => {
    const all = await get('/en/admin/subscribers', sec);
    expect(all.body).toContain('Newsletter subscribers');
    expect(all.body).toContain('ana@example.org');
    expect(all.body).toContain('olga@example.org');
    expect(all.body).toMatch(/Unsubscribed<\/dt>\s*<dd>2<\/dd>/);
    expect(all.body).toMatch(/Undeliverable<\/dt>\s*<dd>1<\/dd>/);
    const subscribed = await get('/en/admin/subscribers?status=subscribed&topic=publications&language=es&source=form', sec);
    expect(subscribed.body).toContain('ana@example.org');
    expect(subscribed.body).not.toContain('olga@example.org');
    expect(subscribed.body).toContain('1 address');
    const search = await get('/en/admin/subscribers?q=%D0%9E%D0%BB%D1%8C%D0%B3%D0%B0', sec); // "Ольга"
    expect(search.body).toContain('olga@example.org');
    expect(search.body).not.toContain('ana@example.org');
    const undeliverable = await get('/en/admin/subscribers?status=undeliverable', sec);
    expect(undeliverable.body).toContain('bouncy@example.org');
    expect(undeliverable.body).not.toContain('ana@example.org');
    // Unknown filter values are ignored, never an error.
    expect((await get('/en/admin/subscribers?status=weird&page=-3', sec)).statusCode).toBe(200);
  });

  it('shows one subscriber with the whole consent history', async () => {
    const sub = await subscription('olga@example.org');
    const res = await get(`/fr/admin/subscribers/${sub.id}`, sec);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>olga@example.org</h1>');
    expect(res.body).toContain('Historique du consentement');
    for (const label of ['Demande d’abonnement', 'Confirmation', 'Thèmes modifiés', 'Langue modifiée', 'Désabonnement', 'Réabonnement', 'Désabonnement en un clic (logiciel de messagerie)', '127.0.0.1']) expect(res.body).toContain(label);
    expect(res.body).toContain('from: news, meetings; to: news, publications');
    expect((await get('/fr/admin/subscribers/00000000-0000-4000-8000-000000000000', sec)).statusCode).toBe(404);
    expect((await get('/fr/admin/subscribers/not-an-id', sec)).statusCode).toBe(404);
  });

  it('unsubscribes someone at their request, audited, with source "admin"', async () => {
    const sub = await subscription('ana@example.org');
    const res = await submitForm(t, { page: `/en/admin/subscribers/${sub.id}`, action: `/en/admin/subscribers/${sub.id}/unsubscribe`, cookie: sec, fields: {} });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/en/admin/subscribers/${sub.id}?notice=unsubscribed`);
    expect((await subscription('ana@example.org')).status).toBe('unsubscribed');
    expect((await eventsOf(sub.id)).at(-1)).toMatchObject({ change: 'unsubscribed', source: 'admin', detail: { by: 'sec@example.org' } });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'newsletter.subscriber.unsubscribe'));
    expect(audit).toMatchObject({ actorEmail: 'sec@example.org', targetId: 'ana@example.org', before: { status: 'subscribed' }, after: { status: 'unsubscribed' } });
    const page = await get(res.headers.location as string, sec);
    expect(page.body).toContain('The address has been unsubscribed.');
    expect(page.body).not.toContain('/unsubscribe"');
  });

  it('clears the undeliverable mark of an address, audited', async () => {
    const sub = await subscription('bouncy@example.org');
    const page = await get(`/en/admin/subscribers/${sub.id}`, sec);
    expect(page.body).toContain('Clear the undeliverable mark');
    const res = await submitForm(t, { page: `/en/admin/subscribers/${sub.id}`, action: `/en/admin/subscribers/${sub.id}/clear-bounce`, cookie: sec, fields: {} });
    expect(res.statusCode).toBe(303);
    expect(await subscription('bouncy@example.org')).toMatchObject({ hardBounces: 0, undeliverableAt: null, status: 'subscribed' });
    expect((await eventsOf(sub.id)).at(-1)).toMatchObject({ change: 'bounce-cleared', source: 'admin' });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'newsletter.subscriber.clearBounce'));
    expect(audit).toMatchObject({ targetId: 'bouncy@example.org', before: expect.objectContaining({ hardBounces: 3 }), after: { hardBounces: 0, undeliverableAt: null } });
  });

  it('exports the filtered list as CSV, audited with the filters and the number of rows', async () => {
    const res = await get('/en/admin/subscribers/export.csv?status=unsubscribed', sec);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="subscribers-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.body.replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toBe('email,name,language,topics,country,status,source,subscribed_at,confirmed_at,hard_bounces,undeliverable_at');
    expect(lines).toHaveLength(4); // ana, multi, olga
    expect(lines.find((l) => l.startsWith('olga@'))).toMatch(/^olga@example\.org,Ольга Петрова,fr,news;publications,KZ,unsubscribed,form,\d{4}-.*Z,\d{4}-.*Z,0,$/);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'newsletter.subscribers.export')).orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ actorEmail: 'sec@example.org', after: { format: 'csv', filters: { status: 'unsubscribed' }, rows: 3 } });
    expect((await get('/en/admin/subscribers/export.xlsx', sec)).headers['content-type']).toContain('spreadsheetml');
  });
});
