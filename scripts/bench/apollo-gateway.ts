// The benchmark's reference engine (issue 12): Apollo Gateway 2 on the committed supergraph, in
// front of the same hub subgraphs, with a data source that signs each subgraph call as the hub's
// gateway does (caller from the same JWT). It looks up no permission per request (the caller's
// grants are read once at start) and writes no audit: what the hub's own gateway adds is
// measured against it.
//   PORT=… ARCHIVE_URL=… HOUSING_URL=… JUDICIAL_URL=… node dist/scripts/bench/apollo-gateway.js
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { loadConfig, SUBGRAPHS } from "../../src/config";
import { callerFromAuthorization } from "../../src/auth/jwt";
import { signRequest } from "../../src/auth/subgraph-signature";
import type { Caller } from "../../src/auth/caller";
import { COMMITTED_URL, schemaDir } from "../../src/gateway/compose";
import { InternalClient } from "../../src/gateway/internal-client";
import type { GrantInForce } from "../../src/domain/permissions";

const config = loadConfig();
const key = config.signingKeys[0];
const CALLER = "x-bench-caller";

let supergraphSdl = fs.readFileSync(path.join(schemaDir(), "supergraph.graphql"), "utf8");
for (const name of SUBGRAPHS) supergraphSdl = supergraphSdl.replaceAll(COMMITTED_URL(name), config.subgraphUrls[name]);
// Apollo Gateway refuses the SECURITY features it does not enforce (@policy, @requiresScopes —
// a Router feature): declared as plain metadata here, they are carried and ignored.
for (const feature of ["policy/v0.1", "requiresScopes/v0.1"]) {
  supergraphSdl = supergraphSdl.replace(`@link(url: "https://specs.apollo.dev/${feature}", for: SECURITY)`, `@link(url: "https://specs.apollo.dev/${feature}")`);
}

interface Context {
  caller: Caller;
}

class SigningDataSource extends RemoteGraphQLDataSource<Context> {
  constructor(private readonly audience: string, url: string) {
    super({
      url,
      // Signs the exact body sent (the signature covers it), with the caller set below.
      fetcher: ((input: string, init: { body?: string; headers?: Record<string, string> }) => {
        const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
        const caller = JSON.parse(Buffer.from(headers.get(CALLER) ?? "", "base64url").toString() || "null") as Caller;
        headers.delete(CALLER);
        for (const [k, v] of Object.entries(signRequest(key, caller, init.body ?? "", this.audience, Date.now(), { method: "POST", path: new URL(input).pathname }))) headers.set(k, v);
        return fetch(input, { ...(init as RequestInit), headers });
      }) as never,
    });
  }
  override willSendRequest(options: Parameters<RemoteGraphQLDataSource<Context>["willSendRequest"] & object>[0]) {
    const caller = (options.context as Partial<Context>).caller;
    if (caller) options.request.http?.headers.set(CALLER, Buffer.from(JSON.stringify(caller)).toString("base64url"));
  }
}

async function main() {
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SigningDataSource(name, url!),
  });
  const server = new ApolloServer<Context>({ gateway, csrfPrevention: false, introspection: false });
  // The grants of each organisation, read once (Apollo Gateway has no per-request look-up).
  const internal = new InternalClient(config.subgraphUrls.archive, key);
  const grants = new Map<string, readonly GrantInForce[]>();
  const { url } = await startStandaloneServer(server, {
    listen: { port: config.port, host: "127.0.0.1" },
    context: async ({ req }) => {
      const header = req.headers.authorization;
      const caller = await callerFromAuthorization(Array.isArray(header) ? header[0] : header, config);
      if (caller.org && !grants.has(caller.org)) grants.set(caller.org, await internal.grantsInForce(caller.org, "apollo-bench"));
      return { caller: { ...caller, grants: caller.org ? grants.get(caller.org) : [], clientAddress: req.socket.remoteAddress ?? null, operationName: null } };
    },
  });
  console.log(`apollo gateway http ${url}`);
  process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
