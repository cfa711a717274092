/**
 * The SDL (shared/src/schema.graphql) is the contract; `pnpm codegen` generates from it
 *  - server/src/graphql/generated/resolvers.ts: the schema's types and the resolver signatures (typescript +
 *    typescript-resolvers), with the store's rows as parents (mappers), so a resolver that returns the wrong
 *    shape fails `pnpm typecheck`;
 *  - desktop/src/renderer/generated/: typed documents for the operations the app sends (client preset,
 *    documents written with graphql(`...`) in desktop/src/renderer/api/).
 * .ci/run regenerates and fails when the committed files differ (`git diff --exit-code`).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const common = {
  enumsAsTypes: true,
  useTypeImports: true,
  strictScalars: true,
  avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
};

const config: CodegenConfig = {
  schema: 'shared/src/schema.graphql',
  overwrite: true,
  generates: {
    'server/src/graphql/generated/resolvers.ts': {
      plugins: [{ add: { content: '/* Generated from shared/src/schema.graphql by `pnpm codegen` (codegen.ts). Do not edit. */\n/* eslint-disable */' } }, 'typescript', 'typescript-resolvers'],
      config: {
        ...common,
        // ids are numbers in the store and strings on the wire (graphql-js serialises both); inputs built by
        // the services themselves (a filter by experiment id) carry numbers
        scalars: { ID: { input: 'string | number', output: 'string | number' }, DateTime: { input: 'string', output: 'Date | string' }, JSON: 'unknown' },
        contextType: '../context.ts#Context',
        mappers: {
          Experiment: '../../db/generated/prisma/client.ts#Experiment as ExperimentRow',
          Run: '../../db/generated/prisma/client.ts#Run as RunRow',
          Job: '../../db/generated/prisma/client.ts#Job as JobRow',
          RunConnection: '../../modules/run/resolvers.ts#RunPage',
          WorkerState: '../../modules/job/executor.ts#WorkerStateSnapshot',
        },
        useIndexSignature: false,
        resolverTypeWrapperSignature: 'T | Promise<T>',
      },
    },
    'desktop/src/renderer/generated/': {
      preset: 'client',
      documents: ['desktop/src/renderer/api/**/*.ts'],
      presetConfig: { fragmentMasking: false },
      plugins: [{ add: { content: '/* Generated from shared/src/schema.graphql and desktop/src/renderer/api/ by `pnpm codegen`. Do not edit. */\n/* eslint-disable */' } }],
      config: {
        ...common,
        documentMode: 'string',
        scalars: { ID: 'string', DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
