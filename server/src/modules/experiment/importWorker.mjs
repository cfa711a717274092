// Worker-thread bootstrap of the case solver: register tsx's loader in this thread, then load it.
import { register } from 'tsx/esm/api';

register();
await import('./importWorker.ts');
