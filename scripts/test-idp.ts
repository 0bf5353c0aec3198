// A small identity provider for tests and the production smoke test: a JWKS endpoint with RS256 and ES256 keys that rotate,
// and token signing with them (what the province's identity provider does in production).
import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import jwt from "jsonwebtoken";

export interface TestIdp {
  url: string;
  issuer: string;
  audience: string;
  /** A token signed with the current key of `alg` (claims sub, org, roles; options override). */
  sign(claims: { sub: string; org: string; roles: string[] } & Record<string, unknown>, options?: jwt.SignOptions & { alg?: "RS256" | "ES256"; kid?: string }): string;
  /** Publishes a new key per algorithm (the old ones stay published unless `retire`). */
  rotate(retire?: boolean): void;
  /** How many times the key set was fetched. */
  fetches(): number;
  close(): Promise<void>;
}

interface Key {
  kid: string;
  alg: "RS256" | "ES256";
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function newKey(alg: "RS256" | "ES256"): Key {
  const pair = alg === "RS256" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { kid: `${alg.toLowerCase()}-${randomUUID().slice(0, 8)}`, alg, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

export async function startTestIdp(issuer = "hubei-credit-hub", audience = "hubei-credit-hub-api"): Promise<TestIdp> {
  let keys: Key[] = [newKey("RS256"), newKey("ES256")];
  let fetches = 0;
  const server = http.createServer((req, res) => {
    fetches += 1;
    const body = JSON.stringify({ keys: keys.map((k) => ({ ...k.publicKey.export({ format: "jwk" }), kid: k.kid, alg: k.alg, use: "sig" })) });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  const current = (alg: "RS256" | "ES256") => [...keys].reverse().find((k) => k.alg === alg)!;
  return {
    url,
    issuer,
    audience,
    sign: ({ sub, ...claims }, options = {}) => {
      const { alg = "RS256", kid, ...rest } = options;
      const key = current(alg);
      return jwt.sign(claims, key.privateKey, { algorithm: alg, keyid: kid ?? key.kid, subject: sub, issuer, audience, ...("exp" in claims ? {} : { expiresIn: 600 }), ...rest });
    },
    rotate: (retire = false) => {
      const fresh = [newKey("RS256"), newKey("ES256")];
      keys = retire ? fresh : [...keys, ...fresh];
    },
    fetches: () => fetches,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
