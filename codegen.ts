import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the operations in src/operations (tests and GraphiQL examples) against schema.graphql. */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/operations/*.graphql'],
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Date: 'string', Count: 'number' },
      },
    },
  },
};

export default config;
