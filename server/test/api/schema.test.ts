/**
 * The SDL is the contract: the committed generated types must match it.
 */
import { expect, it } from 'vitest';

it('the generated GraphQL types match the SDL (run server/src/graphql/codegen.ts after editing schema.graphql)', async () => {
  const { readFileSync } = await import('node:fs');
  const { generateFromSdl, GENERATED_PATH } = await import('../../src/graphql/codegen.ts');
  expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(generateFromSdl());
});

it('the committed migrations produce exactly prisma/schema.prisma (wasm schema engine diff is empty)', async () => {
  const { pendingSchemaSql, EMPTY_MIGRATION } = await import('../../src/db/schemaDiff.ts');
  expect(await pendingSchemaSql()).toBe(EMPTY_MIGRATION);
});
