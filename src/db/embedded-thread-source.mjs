// The embedded database's thread when Bridges runs from its TypeScript source (tsx, vitest): Node 20
// does not apply the process's `--import tsx` to a worker's entry file, so the thread registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./embedded-thread.ts');
