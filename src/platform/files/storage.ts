import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

/** Where uploaded files live. Local folder by default; an S3-compatible store can implement the same interface. */
export interface FileStore {
  put(bytes: Buffer): Promise<string>;
  get(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{32}$/;

export function localFileStore(dir: string): FileStore {
  const root = resolve(dir);
  const path = (key: string) => join(root, key.slice(0, 2), key);
  return {
    async put(bytes) {
      const key = randomBytes(16).toString('hex');
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

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The file's real type from its bytes (magic numbers), whatever its name says. */
export async function detectMime(bytes: Buffer): Promise<string | undefined> {
  return (await fileTypeFromBuffer(bytes))?.mime;
}
