/**
 * Uploaded files every instance sees: kept in the database by default, so a file uploaded through one
 * instance is served by another on the same database, and files that earlier versions kept in a
 * folder move into the database at start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hiddenFields, mergeCookies, secondInstance, signedIn, testApp, type TestApp } from './testing/app.js';
import { createIssue } from './modules/communications/service.js';
import { databaseFileStore, fileStore, folderFileStore, moveFolderFilesToDatabase } from './platform/files/storage.js';
import { storedFiles } from './platform/files/schema.js';

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
let sec: string;
beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'files-sec@example.org', roles: ['secretariat'] });
});
afterAll(() => t.close());

describe('uploaded files', () => {
  it('an image uploaded through one instance is served by another', async () => {
    const issue = await createIssue(t.db, { id: '00000000-0000-0000-0000-000000000000', email: 'files-sec@example.org', name: 'Secretariat', locale: null, roles: [{ role: 'secretariat', scope: '' }] }, { slug: 'files-test', defaultLocale: 'en' });
    expect(issue.ok).toBe(true);
    const id = (issue as { id: string }).id;
    const page = await t.app.inject({ url: `/en/admin/newsletter/${id}`, headers: { cookie: sec } });
    const cookie = mergeCookies(sec, page);
    const form = new FormData();
    for (const [k, v] of Object.entries(hiddenFields(page.body, `/en/admin/newsletter/${id}/image`))) form.append(k, v);
    form.append('image', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'dot.png');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const res = await t.app.inject({ method: 'POST', url: `/en/admin/newsletter/${id}/image`, headers: { cookie, 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(await req.arrayBuffer()) });
    expect(res.statusCode).toBe(303);
    const key = /image=([0-9a-f]{32})/.exec(String(res.headers.location))?.[1];
    expect(key).toBeTruthy();
    // Nothing in the folder: the file is in the database.
    expect(existsSync(t.config.filesDir) ? readdirSync(t.config.filesDir) : []).toEqual([]);
    const b = await secondInstance(t);
    try {
      const image = await b.app.inject({ url: `/en/newsletter/images/${key}` });
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/png');
      expect(image.rawPayload.equals(PNG)).toBe(true);
      expect((await b.app.inject({ url: `/en/newsletter/images/${'0'.repeat(32)}` })).statusCode).toBe(404);
    } finally {
      await b.close();
    }
  });

  it('files kept in a folder by an earlier version move into the database at start, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridges-old-files-'));
    const folder = folderFileStore(dir);
    const keys = [await folder.put(Buffer.from('%PDF-1.4 one')), await folder.put(PNG)];
    expect(await moveFolderFilesToDatabase(t.db, dir)).toBe(2);
    const store = fileStore(t.db, t.config);
    expect((await store.get(keys[0]!))!.toString()).toBe('%PDF-1.4 one');
    expect((await store.get(keys[1]!))!.equals(PNG)).toBe(true);
    expect(await folder.get(keys[0]!)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
    expect(await moveFolderFilesToDatabase(t.db, dir)).toBe(0);
    // With FILES_STORE=folder the folder stays the store.
    expect(fileStore(t.db, { filesStore: 'folder', filesDir: dir }).put).toBeTypeOf('function');
  });

  it('removing a file removes its bytes; keys that are not keys find nothing', async () => {
    const store = databaseFileStore(t.db);
    const key = await store.put(Buffer.from('bytes'));
    await store.remove(key);
    expect(await store.get(key)).toBeNull();
    expect(await store.get('../../etc/passwd')).toBeNull();
    expect((await t.db.select().from(storedFiles)).every((f) => f.key !== key)).toBe(true);
  });
});
