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
import { databaseFileStore, fileStore, FileStoreError, type FileStore, folderFileStore, moveFolderFiles, s3FileStore } from './platform/files/storage.js';
import { PNG, startS3Server, type S3Server } from './testing/files.js';
import { storedFiles } from './platform/files/schema.js';


/** The Secretariat uploads an image to a new newsletter issue through the web form; returns the file's key. */
async function uploadImage(app: TestApp, cookieHeader: string, slug = 'files-test'): Promise<string> {
  const issue = await createIssue(app.db, { id: '00000000-0000-0000-0000-000000000000', email: 'files-sec@example.org', name: 'Secretariat', locale: null, roles: [{ role: 'secretariat', scope: '' }] }, { slug, defaultLocale: 'en' });
  expect(issue.ok).toBe(true);
  const id = (issue as { id: string }).id;
  const page = await app.app.inject({ url: `/en/admin/newsletter/${id}`, headers: { cookie: cookieHeader } });
  const cookie = mergeCookies(cookieHeader, page);
  const form = new FormData();
  for (const [k, v] of Object.entries(hiddenFields(page.body, `/en/admin/newsletter/${id}/image`))) form.append(k, v);
  form.append('image', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'dot.png');
  const req = new Request('http://x/', { method: 'POST', body: form });
  const res = await app.app.inject({ method: 'POST', url: `/en/admin/newsletter/${id}/image`, headers: { cookie, 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(await req.arrayBuffer()) });
  expect(res.statusCode).toBe(303);
  const key = /image=([0-9a-f]{32})/.exec(String(res.headers.location))?.[1];
  expect(key).toBeTruthy();
  return key!;
}

/** A second instance of the app on the same database and configuration serves the image; an unknown key is a 404. */
async function expectServedByAnotherInstance(app: TestApp, key: string) {
  const b = await secondInstance(app);
  try {
    const image = await b.app.inject({ url: `/en/newsletter/images/${key}` });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);
    expect((await b.app.inject({ url: `/en/newsletter/images/${'0'.repeat(32)}` })).statusCode).toBe(404);
  } finally {
    await b.close();
  }
}

/** Two files kept in a folder by an earlier version move into `store`, keys unchanged, and leave the folder. */
async function expectFolderFilesMoved(store: FileStore) {
  const dir = mkdtempSync(join(tmpdir(), 'bridges-old-files-'));
  const folder = folderFileStore(dir);
  const keys = [await folder.put(Buffer.from('%PDF-1.4 one')), await folder.put(PNG)];
  expect(await moveFolderFiles(store, dir)).toBe(2);
  expect((await store.get(keys[0]!))!.toString()).toBe('%PDF-1.4 one');
  expect((await store.get(keys[1]!))!.equals(PNG)).toBe(true);
  expect(await folder.get(keys[0]!)).toBeNull();
  expect(readdirSync(dir)).toEqual([]);
  return { dir, keys };
}

let t: TestApp;
let sec: string;
beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'files-sec@example.org', roles: ['secretariat'] });
});
afterAll(() => t.close());

describe('uploaded files', () => {
  it('an image uploaded through one instance is served by another', async () => {
    const key = await uploadImage(t, sec);
    // Nothing in the folder: the file is in the database.
    expect(existsSync(t.config.filesDir) ? readdirSync(t.config.filesDir) : []).toEqual([]);
    await expectServedByAnotherInstance(t, key);
  });

  it('files kept in a folder by an earlier version move into the database at start, once', async () => {
    const { dir, keys } = await expectFolderFilesMoved(fileStore(t.db, t.config));
    expect(await moveFolderFiles(databaseFileStore(t.db), dir)).toBe(0);
    expect(keys).toHaveLength(2);
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

describe('uploaded files in an S3-compatible bucket (FILES_STORE=s3)', () => {
  let s3: S3Server;
  let ts: TestApp;
  beforeAll(async () => {
    s3 = await startS3Server();
    ts = await testApp(s3.env);
  });
  afterAll(async () => {
    await ts?.close();
    await s3?.stop();
  });

  it('an image uploaded through one instance is kept in the bucket and served by another', async () => {
    const cookie = await signedIn(ts, { email: 'files-sec@example.org', roles: ['secretariat'] });
    const key = await uploadImage(ts, cookie, 'files-s3');
    // Neither in the database nor in the folder.
    expect(await ts.db.select().from(storedFiles)).toEqual([]);
    expect(existsSync(ts.config.filesDir) ? readdirSync(ts.config.filesDir) : []).toEqual([]);
    await expectServedByAnotherInstance(ts, key);
  });

  it('files of a folder move into the bucket at start; a removed file is gone; a wrong secret is refused by the server', async () => {
    const bucket = s3FileStore(ts.config.s3!);
    const { keys } = await expectFolderFilesMoved(bucket);
    await bucket.remove(keys[0]!);
    expect(await bucket.get(keys[0]!)).toBeNull();

    const forged = s3FileStore({ ...ts.config.s3!, secretAccessKey: 'not-the-secret' });
    await expect(forged.get(keys[1]!)).rejects.toThrow(/answered 403/);
    await expect(forged.put(Buffer.from('x'))).rejects.toBeInstanceOf(FileStoreError);
  });
});
