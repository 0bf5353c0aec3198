// The supergraph: composed from the subgraphs' SDL with @theguild/federation-composition and
// committed as schema/supergraph.graphql, each subgraph's SDL beside it.
import { untaggedFamilyFields } from "./field-authorization";
import { policyProblems } from "../subgraphs/disclosure-mechanism";
import fs from "node:fs";
import path from "node:path";
import { parse } from "graphql";
import { composeServices } from "@theguild/federation-composition";
import { SUBGRAPHS, type SubgraphName } from "../config";
import { buildSubgraph, type BuiltSubgraph } from "../subgraphs/subgraph-server";
import { subgraphDefinitions } from "../subgraphs/registry";


export function schemaDir(): string {
  // Works from src/ (vitest) and from dist/src/ (compiled).
  let dir = path.resolve(__dirname);
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return path.join(dir, "schema");
}

export async function buildAllSubgraphs(): Promise<Record<SubgraphName, BuiltSubgraph>> {
  const out = {} as Record<SubgraphName, BuiltSubgraph>;
  for (const name of SUBGRAPHS) out[name] = await buildSubgraph(subgraphDefinitions[name]);
  return out;
}

export interface Composition {
  /** The supergraph with join directives, executed by the gateway. */
  supergraph: string;
  /** The API schema consumers see (for codegen and documentation). */
  apiSchema: string;
}

export function composeSupergraph(subgraphs: { name: string; sdl: string; url: string }[]): Composition {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.sdl), url: s.url })));
  if (result.errors && result.errors.length) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => e.message).join("\n")}`);
  }
  // R8.2, fail closed: a family field without a data category does not compose.
  const untagged = untaggedFamilyFields(result.supergraphSdl!);
  if (untagged.length) throw new Error(`Composition failed: family fields without a data category (@requiresScopes or @policy):\n${untagged.join("\n")}`);
  // R8.2: the disclosure policy describes exactly the graph's family data (no stale entries either).
  const problems = policyProblems(result.supergraphSdl!, { wholeGraph: true });
  if (problems.length) throw new Error(`Composition failed: the disclosure policy (src/domain/disclosure-policy.ts) does not match the graph:\n${problems.join("\n")}`);
  return { supergraph: result.supergraphSdl!, apiSchema: result.publicSdl! };
}

/** Placeholder URLs in the committed supergraph: the gateway takes real ones from config. */
export const COMMITTED_URL = (name: string) => `http://${name}.subgraph.invalid/graphql`;

export async function composeFromCode(): Promise<Composition & { subgraphs: Record<SubgraphName, BuiltSubgraph> }> {
  const subgraphs = await buildAllSubgraphs();
  const composed = composeSupergraph(SUBGRAPHS.map((n) => ({ name: n, sdl: subgraphs[n].sdl, url: COMMITTED_URL(n) })));
  return { ...composed, subgraphs };
}

export async function writeSchemaFiles(): Promise<string[]> {
  const { supergraph, apiSchema, subgraphs } = await composeFromCode();
  const dir = schemaDir();
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const n of SUBGRAPHS) {
    const p = path.join(dir, `${n}.graphql`);
    fs.writeFileSync(p, subgraphs[n].sdl);
    written.push(p);
  }
  const sp = path.join(dir, "supergraph.graphql");
  fs.writeFileSync(sp, supergraph);
  written.push(sp);
  const ap = path.join(dir, "api-schema.graphql");
  fs.writeFileSync(ap, apiSchema);
  written.push(ap);
  return written;
}

export function readCommittedSupergraph(): string {
  return fs.readFileSync(path.join(schemaDir(), "supergraph.graphql"), "utf8");
}

