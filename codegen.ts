import type { CodegenConfig } from '@graphql-codegen/cli';

const documents = ['src/operations/*.graphql'];
const typesConfig = { enumsAsTypes: true, useTypeImports: true, scalars: { Date: 'string', Count: 'number' } };

/**
 * Typed documents for the operations in src/operations against schema.graphql: as parsed documents
 * for the tests and GraphiQL examples (src/generated), and as strings for the dashboard page
 * (web/src/generated), which posts them with fetch and needs no GraphQL parser in the browser.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: typesConfig,
    },
    'web/src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { ...typesConfig, documentMode: 'string' },
    },
  },
};

export default config;
