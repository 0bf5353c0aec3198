import { defineConfig } from "vitest/config";
export default defineConfig({ resolve: { alias: { graphql: "graphql/index.js" } }, test: { include: ["test/**/*.test.ts"], testTimeout: 60000, hookTimeout: 120000, pool: "forks", maxWorkers: 2 } });
