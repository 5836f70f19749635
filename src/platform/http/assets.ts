import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Asset {
  url: string;
  type: string;
  body: Buffer;
  /** Compressed copies, made on first request for each (brotli at quality 11 costs ~80 ms for all files, too much for every start). */
  readonly br: Buffer;
  readonly gzip: Buffer;
}

/** An asset whose compressed copies are made once, when first asked for. */
function asset(url: string, type: string, body: Buffer): Asset {
  let br: Buffer | undefined;
  let gzip: Buffer | undefined;
  return {
    url,
    type,
    body,
    get br() {
      return (br ??= brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    },
    get gzip() {
      return (gzip ??= gzipSync(body, { level: 9 }));
    },
  };
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));

/**
 * Reads public/ once at start and names each file by its content hash (bridges.css →
 * /static/bridges.1a2b3c4d.css), so it can be cached for a year and a new version gets a new URL.
 * Compressed copies are made once, on first request, not per request.
 */
export function loadAssets(dir = PUBLIC_DIR): { byName: Map<string, Asset>; byUrl: Map<string, Asset> } {
  const byName = new Map<string, Asset>();
  const byUrl = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const ext = extname(name);
    const type = TYPES[ext];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const url = `/static/${name.slice(0, -ext.length)}.${hash}${ext}`;
    const made = asset(url, type, body);
    byName.set(name, made);
    byUrl.set(url, made);
  }
  return { byName, byUrl };
}
