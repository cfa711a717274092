#!/usr/bin/env node
// rlab as an installed command (package.json "bin"): loads the TypeScript sources through tsx, as
// `pnpm rlab` does with node --import tsx/esm.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
