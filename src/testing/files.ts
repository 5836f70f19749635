import { startListening } from './servers.js';

/** A 1×1 PNG: the smallest image an upload or an image route accepts. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export interface S3Server {
  /** FILES_STORE=s3 settings that reach it. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts the S3-compatible server (src/testing/s3-server.ts) as its own process, with one bucket. */
export async function startS3Server(): Promise<S3Server> {
  const bucket = 'bridges-files';
  const { port, stop } = await startListening(new URL('./s3-server.ts', import.meta.url), { S3_TEST_BUCKET: bucket });
  return {
    env: { FILES_STORE: 's3', S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_PREFIX: 'uploads/' },
    stop,
  };
}
