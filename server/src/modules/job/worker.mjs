// Worker-thread bootstrap for the local job executor: Node 20 does not apply `--import tsx/esm` from
// execArgv to a worker's entry module, so register tsx's loader here, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
