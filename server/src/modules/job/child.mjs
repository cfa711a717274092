// Compute-process bootstrap: register tsx's loader, then load the TypeScript child (works whether or not
// the parent was started with --import tsx/esm).
import { register } from 'tsx/esm/api';

register();
await import('./child.ts');
