import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from the committed SDL (no running gateway, no network).
 * The output is committed; `clients.test.ts` regenerates it in memory and
 * fails when it is not current (`pnpm --filter @mujun/example-clients codegen`).
 */
const config: CodegenConfig = {
  schema: '../../packages/graphql/schema.graphql',
  documents: ['src/operations.graphql'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      config: {
        // Exact values stay strings end to end (the API's Decimal scalar).
        scalars: { Decimal: 'string', Date: 'string', DateTime: 'string', GeoJSON: 'unknown', Upload: 'File' },
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
