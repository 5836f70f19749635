// The PDF worker's entry when Bridges runs from its TypeScript source (tsx, vitest): Node 20 does not
// apply the process's `--import tsx` to a worker's entry file, so the worker registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
