import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Executor } from '../../db/client.js';
import { storedFiles } from './schema.js';

/**
 * Where uploaded files live, behind one interface. By default in the database (table stored_files):
 * every instance on one PostgreSQL sees the same files, and a backup of the database carries them.
 * With FILES_STORE=folder, in FILES_DIR (a shared folder when there are several instances).
 */
export interface FileStore {
  put(bytes: Buffer): Promise<string>;
  get(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{32}$/;
const newKey = () => randomBytes(16).toString('hex');

export function databaseFileStore(db: Executor): FileStore {
  return {
    async put(bytes) {
      const key = newKey();
      await db.insert(storedFiles).values({ key, bytes, size: bytes.length });
      return key;
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      const [row] = await db.select({ bytes: storedFiles.bytes }).from(storedFiles).where(eq(storedFiles.key, key));
      return row?.bytes ?? null;
    },
    async remove(key) {
      if (KEY.test(key)) await db.delete(storedFiles).where(eq(storedFiles.key, key));
    },
  };
}

export function folderFileStore(dir: string): FileStore {
  const root = resolve(dir);
  const path = (key: string) => join(root, key.slice(0, 2), key);
  return {
    async put(bytes) {
      const key = newKey();
      await mkdir(join(root, key.slice(0, 2)), { recursive: true });
      await writeFile(path(key), bytes, { flag: 'wx' });
      return key;
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      return readFile(path(key)).catch(() => null);
    },
    async remove(key) {
      if (KEY.test(key)) await rm(path(key), { force: true });
    },
  };
}

/** The store the configuration names. */
export function fileStore(db: Executor, config: Pick<Config, 'filesStore' | 'filesDir'>): FileStore {
  return config.filesStore === 'folder' ? folderFileStore(config.filesDir) : databaseFileStore(db);
}

/**
 * Files that earlier versions kept in FILES_DIR, moved into the database (run at start when the
 * database is the store): each is copied under the same key, then removed from the folder. Files
 * already moved are skipped, so a start interrupted halfway finishes the move at the next one.
 */
export async function moveFolderFilesToDatabase(db: Executor, dir: string): Promise<number> {
  const root = resolve(dir);
  if (!existsSync(root)) return 0;
  let moved = 0;
  for (const prefix of await readdir(root)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    const sub = join(root, prefix);
    for (const key of await readdir(sub)) {
      if (!KEY.test(key) || !key.startsWith(prefix)) continue;
      const bytes = await readFile(join(sub, key));
      await db.insert(storedFiles).values({ key, bytes, size: bytes.length }).onConflictDoNothing();
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
