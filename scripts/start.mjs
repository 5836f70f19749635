/**
 * `npm start`: runs Bridges from its compiled JavaScript (dist/), building it first when it is
 * missing or older than the sources (a fresh checkout without `npm ci`, or a source edited since).
 * For development with reload on every change: `npm run dev`.
 */
import { build, isFresh } from './build.mjs';

if (!isFresh()) {
  const r = await build();
  console.log(`Bridges: built ${r.files} files into dist/ in ${r.ms} ms.`);
}
await import('../dist/app/main.js');
