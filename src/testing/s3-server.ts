/**
 * A real S3-compatible server process for tests (npm @20minutes/s3rver: the S3 REST API over HTTP,
 * objects in a folder, AWS Signature Version 4 checked against the account S3RVER / S3RVER), run
 * as a child process. Prints "LISTENING <port>" once ready. Its bucket is named by S3_TEST_BUCKET.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error a CommonJS package without types
import S3rver from '@20minutes/s3rver';

const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: mkdtempSync(join(tmpdir(), 'bridges-s3-')),
  configureBuckets: [{ name: process.env.S3_TEST_BUCKET ?? 'bridges-files', configs: [] }],
});
const { port } = (await (server as { run(): Promise<{ port: number }> }).run());
console.log(`LISTENING ${port}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
