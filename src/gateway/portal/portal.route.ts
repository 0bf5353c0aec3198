// R5.3, R6.7, R8.5: the embeddable public list for municipal portals. Serves the web component
// (`GET /embed/hub-credit-list.js`, with the persisted id of the trusted document PublicList
// and the names of Hubei's divisions filled in) and a demo portal page (`GET /embed/demo.html`).
// The two files are plain browser files, not compiled by tsc: they are read from
// `<project root>/src/gateway/portal/`, from src/ (vitest) and from dist/src/ (compiled) alike.
import fs from "node:fs";
import path from "node:path";
import type http from "node:http";
import type { ExtraRoute } from "../../http/apollo-http";
import type { TrustedDocuments } from "../trusted-documents";
import { schemaDir } from "../compose";
import { allDivisions } from "../../domain/divisions";

export const EMBED_SCRIPT_PATH = "/embed/hub-credit-list.js";
export const EMBED_DEMO_PATH = "/embed/demo.html";

const DOCUMENT_ID_PLACEHOLDER = '"__HUB_PUBLIC_LIST_DOCUMENT_ID__"';
const DIVISIONS_PLACEHOLDER = "/*__HUB_DIVISION_NAMES__*/ {}";

/** `<project root>/src/gateway/portal`, found the way `schemaDir()` finds the root. */
export function portalDir(): string {
  return path.join(path.dirname(schemaDir()), "src", "gateway", "portal");
}

/** The persisted id (`sha256:<hex>`) of the trusted document PublicList. */
export function publicListDocumentId(trusted: TrustedDocuments): string {
  const entry = trusted.ids().find((d) => d.operationName === "PublicList");
  if (!entry) throw new Error("the trusted documents do not register PublicList: the embedded public list cannot run");
  return entry.id;
}

function replaceOnce(text: string, placeholder: string, value: string, file: string): string {
  const at = text.indexOf(placeholder);
  if (at < 0 || text.indexOf(placeholder, at + placeholder.length) >= 0) throw new Error(`${file} must hold the placeholder ${placeholder} exactly once`);
  return text.slice(0, at) + value + text.slice(at + placeholder.length);
}

/** The component as served: the PublicList id and the division names filled in. */
export function embedScript(trusted: TrustedDocuments, dir = portalDir()): string {
  const file = path.join(dir, "hub-credit-list.js");
  const source = fs.readFileSync(file, "utf8");
  const names = Object.fromEntries(allDivisions().map((d) => [d.code, d.name]));
  // JSON is a JS expression; "<" is escaped so that the script may also be inlined in a page.
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, "\\u003c");
  return replaceOnce(replaceOnce(source, DOCUMENT_ID_PLACEHOLDER, json(publicListDocumentId(trusted)), file), DIVISIONS_PLACEHOLDER, json(names), file);
}

interface Asset {
  body: Buffer;
  headers: Record<string, string>;
}

/** Route: GET/HEAD /embed/hub-credit-list.js and /embed/demo.html; false for anything else. */
export function portalRoute(trusted: TrustedDocuments, options: { demo: boolean } = { demo: true }): ExtraRoute {
  // Fail at start, not at the first portal visitor, when PublicList is not registered.
  publicListDocumentId(trusted);
  const assets = new Map<string, Asset>();
  const load = (pathname: string): Asset => {
    let asset = assets.get(pathname);
    if (asset) return asset;
    if (pathname === EMBED_SCRIPT_PATH) {
      asset = {
        body: Buffer.from(embedScript(trusted), "utf8"),
        headers: {
          "content-type": "text/javascript; charset=utf-8",
          "cache-control": "public, max-age=300",
          // Any portal (also one with cross-origin isolation) may load it.
          "cross-origin-resource-policy": "cross-origin",
        },
      };
    } else {
      asset = {
        body: fs.readFileSync(path.join(portalDir(), "demo.html")),
        headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
      };
    }
    assets.set(pathname, asset);
    return asset;
  };
  return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const method = (req.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD") return false;
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    // The demo portal page is for development; production serves only the component.
    if (pathname !== EMBED_SCRIPT_PATH && !(pathname === EMBED_DEMO_PATH && options.demo)) return false;
    const asset = load(pathname);
    res.writeHead(200, { ...asset.headers, "content-length": String(asset.body.length), "x-content-type-options": "nosniff" });
    res.end(method === "HEAD" ? undefined : asset.body);
    return true;
  };
}
