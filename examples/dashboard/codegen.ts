import type { CodegenConfig } from '@graphql-codegen/cli';

// Types come from the committed SDL, not a running gateway: a contract change
// (a renamed field, a new required argument) fails `pnpm build` here.
const config: CodegenConfig = {
  schema: '../../packages/graphql/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      config: {
        // Documents travel as strings: no GraphQL runtime in the bundle.
        documentMode: 'string',
        // Decimals stay strings end to end (the API's exact values).
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
