// GraphQL Code Generator: typed documents for the operations in schema/operations against
// the committed supergraph (its API schema). Run with `npm run codegen`.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "schema/api-schema.graphql",
  documents: ["schema/operations/*.graphql"],
  generates: {
    "src/generated/operations.ts": {
      plugins: ["typescript-operations", "typed-document-node"],
      config: { enumsAsTypes: true, scalars: { Date: "string", DateTime: "string" }, useTypeImports: true },
    },
  },
  hooks: {},
};

export default config;
