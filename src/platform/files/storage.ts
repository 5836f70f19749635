import type { FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import type { AwsClient } from 'aws4fetch';
import { loadConfig, type Config, type S3Config } from '../../config.js';
import type { Executor } from '../../db/client.js';
import { storedFiles } from './schema.js';

/**
 * Where uploaded files live, behind one interface. By default in the database (table stored_files):
 * every instance on one PostgreSQL sees the same files, and a backup of the database carries them.
 * With FILES_STORE=folder, in FILES_DIR (a shared folder when there are several instances); with
 * FILES_STORE=s3, in a bucket of any S3-compatible service (AWS, MinIO, Cloudflare R2, Backblaze…).
 */
export interface FileStore {
  /** Keeps the bytes under a new random key, and returns it. */
  put(bytes: Buffer): Promise<string>;
  /** Keeps the bytes under a key made elsewhere: files moved from another store. Moving a file twice is harmless. */
  putAs(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{32}$/;
const newKey = () => randomBytes(16).toString('hex');

/** A store from its one-key writer: put picks the key. */
function withPut(store: Omit<FileStore, 'put'>): FileStore {
  return {
    ...store,
    async put(bytes) {
      const key = newKey();
      await store.putAs(key, bytes);
      return key;
    },
  };
}

export function databaseFileStore(db: Executor): FileStore {
  return withPut({
    async putAs(key, bytes) {
      await db.insert(storedFiles).values({ key, bytes, size: bytes.length }).onConflictDoNothing();
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      const [row] = await db.select({ bytes: storedFiles.bytes }).from(storedFiles).where(eq(storedFiles.key, key));
      return row?.bytes ?? null;
    },
    async remove(key) {
      if (KEY.test(key)) await db.delete(storedFiles).where(eq(storedFiles.key, key));
    },
  });
}

export function folderFileStore(dir: string): FileStore {
  const root = resolve(dir);
  const path = (key: string) => join(root, key.slice(0, 2), key);
  return withPut({
    async putAs(key, bytes) {
      await mkdir(join(root, key.slice(0, 2)), { recursive: true });
      await writeFile(path(key), bytes, { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      });
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      return readFile(path(key)).catch(() => null);
    },
    async remove(key) {
      if (KEY.test(key)) await rm(path(key), { force: true });
    },
  });
}

export class FileStoreError extends Error {}

/**
 * A bucket of an S3-compatible service, reached over HTTPS with signed requests (AWS Signature
 * Version 4, by aws4fetch). Objects are named PREFIX + the key's first two characters + "/" + key,
 * as in a folder store. Path-style addresses (endpoint/bucket/object), which every such service
 * answers. The bucket must exist; Bridges never lists or creates buckets.
 */
export function s3FileStore(s3: S3Config): FileStore {
  let client: Promise<AwsClient> | undefined;
  const signed = () => (client ??= import('aws4fetch').then(({ AwsClient }) => new AwsClient({ accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, service: 's3', region: s3.region })));
  const url = (key: string) => `${s3.endpoint}/${encodeURIComponent(s3.bucket)}/${s3.prefix}${key.slice(0, 2)}/${key}`;
  const request = async (method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer) => {
    const res = await (await signed()).fetch(url(key), { method, body: body ? new Uint8Array(body) : undefined, headers: body ? { 'content-type': 'application/octet-stream' } : undefined });
    if (!res.ok && !(res.status === 404 && method !== 'PUT')) {
      throw new FileStoreError(`The file store answered ${res.status} to ${method} of a file: ${(await res.text()).slice(0, 300)}`);
    }
    return res;
  };
  return withPut({
    async putAs(key, bytes) {
      await request('PUT', key, bytes);
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      const res = await request('GET', key);
      return res.status === 404 ? null : Buffer.from(await res.arrayBuffer());
    },
    async remove(key) {
      if (KEY.test(key)) await request('DELETE', key);
    },
  });
}

/** The store the configuration names. */
export function fileStore(db: Executor, config: Pick<Config, 'filesStore' | 'filesDir' | 's3'>): FileStore {
  if (config.filesStore === 's3') return s3FileStore(config.s3!);
  return config.filesStore === 'folder' ? folderFileStore(config.filesDir) : databaseFileStore(db);
}

/**
 * Files that earlier versions kept in FILES_DIR, moved into the store in use (run at start when it
 * is not the folder): each is copied under the same key, then removed from the folder. Files
 * already moved are skipped, so a start interrupted halfway finishes the move at the next one.
 */
export async function moveFolderFiles(store: FileStore, dir: string): Promise<number> {
  const root = resolve(dir);
  if (!existsSync(root)) return 0;
  let moved = 0;
  for (const prefix of await readdir(root)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    const sub = join(root, prefix);
    for (const key of await readdir(sub)) {
      if (!KEY.test(key) || !key.startsWith(prefix)) continue;
      await store.putAs(key, await readFile(join(sub, key)));
      await rm(join(sub, key));
      moved++;
    }
    await rmdir(sub).catch(() => {}); // only when empty
  }
  return moved;
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The file's real type from its bytes (magic numbers), whatever its name says. */
export async function detectMime(bytes: Buffer): Promise<string | undefined> {
  const { fileTypeFromBuffer } = await import('file-type'); // loaded on the first upload
  return (await fileTypeFromBuffer(bytes))?.mime;
}

/** Sends a stored image (public, named by a random key, checked to be an image by its bytes, cached for good); 404 for anything else. */
export async function sendStoredImage(reply: FastifyReply, files: FileStore, key: string): Promise<FastifyReply> {
  const bytes = await files.get(key);
  const mime = bytes ? await detectMime(bytes) : undefined;
  if (!bytes || !mime || !/^image\/(png|jpeg|gif|webp)$/.test(mime)) {
    reply.callNotFound();
    return reply;
  }
  return reply.type(mime).header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').send(bytes);
}

/**
 * The files store the app was started with, for a job (a job is given no Config): only the files
 * settings are read from the environment (loadConfig checked them at start).
 */
export const jobFileStore = (db: Executor): FileStore => fileStore(db, loadConfig(Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(FILES_STORE|FILES_DIR|DATA_DIR|S3_\w+)$/.test(k)))));
