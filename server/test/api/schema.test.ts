/**
 * The SDL is the contract: the committed generated resolver types and typed documents must match it.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('the generated GraphQL files match the SDL and the app\'s documents (run `pnpm codegen` after editing schema.graphql or api/operations.ts)', async () => {
  const { readFileSync } = await import('node:fs');
  const { generate } = await import('@graphql-codegen/cli');
  const { default: config } = await import('../../../codegen.ts');
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const cwd = process.cwd();
  process.chdir(root); // the config's paths are relative to the repository root
  let files: { filename: string; content: string }[];
  try {
    files = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
  } finally {
    process.chdir(cwd);
  }
  expect(files.map((f) => f.filename).sort()).toEqual(['desktop/src/renderer/generated/gql.ts', 'desktop/src/renderer/generated/graphql.ts', 'desktop/src/renderer/generated/index.ts', 'server/src/graphql/generated/resolvers.ts']);
  for (const f of files) expect(readFileSync(`${root}/${f.filename}`, 'utf8'), f.filename).toBe(f.content);
}, 60_000);

it('the committed migrations produce exactly prisma/schema.prisma (wasm schema engine diff is empty)', async () => {
  const { pendingSchemaSql, EMPTY_MIGRATION } = await import('../../src/db/schemaDiff.ts');
  expect(await pendingSchemaSql()).toBe(EMPTY_MIGRATION);
});
