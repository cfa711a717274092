// --import hook for lazy.test.ts: appends every module URL the process resolves to $RLAB_IMPORT_LOG.
import { register } from 'node:module';

register('./importLogHooks.mjs', import.meta.url, { data: { file: process.env.RLAB_IMPORT_LOG } });
