// GraphiQL for development, served by the gateway from installed packages (no CDN: the hub
// runs on networks without internet access). Off in production.
import fs from "node:fs";
import path from "node:path";
import type http from "node:http";
import { drillClockExtension, isDrillClock, type Clock } from "../domain/clock";

const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  "react.js": { pkg: "react", file: "umd/react.production.min.js", type: "text/javascript; charset=utf-8" },
  "react-dom.js": { pkg: "react-dom", file: "umd/react-dom.production.min.js", type: "text/javascript; charset=utf-8" },
  "graphiql.js": { pkg: "graphiql", file: "graphiql.min.js", type: "text/javascript; charset=utf-8" },
  "graphiql.css": { pkg: "graphiql", file: "graphiql.min.css", type: "text/css; charset=utf-8" },
};

const cache = new Map<string, Buffer>();

function asset(name: string): Buffer | undefined {
  const spec = ASSETS[name];
  if (!spec) return undefined;
  let body = cache.get(name);
  // The packages' "exports" do not list their browser builds: locate each package by its package.json.
  if (!body) cache.set(name, (body = fs.readFileSync(path.join(path.dirname(require.resolve(`${spec.pkg}/package.json`)), spec.file))));
  return body;
}

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>公租房信用信息共享枢纽 · GraphiQL</title>
<link rel="stylesheet" href="/graphiql/graphiql.css">
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; }
  #graphiql { flex: 1; min-height: 0; }
  #hub-drill { background: #b45309; color: #fff; font: 600 14px/1.5 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; padding: 6px 16px; text-align: center; }
  #hub-drill[hidden] { display: none; }
</style>
</head>
<body>
<div id="hub-drill" role="alert" hidden></div>
<div id="graphiql">正在加载 GraphiQL…</div>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script>
  // A drill hub: a banner with the drill clock, kept up to date from every answer's extensions.clock.
  const banner = document.getElementById("hub-drill");
  function showDrill(clock) {
    if (!clock || clock.drill !== true || typeof clock.now !== "string") return;
    const at = new Date(clock.now);
    const local = new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace("T", " ");
    banner.textContent = "演练环境（非真实系统）：演练时钟 " + local + "（北京时间）" + (clock.fixed ? "，时钟静止" : "，时钟走动") + "；所有期限和日期按演练时钟计算";
    banner.hidden = false;
  }
  showDrill(__HUB_DRILL_CLOCK__);
  const baseFetcher = GraphiQL.createFetcher({ url: "/graphql" });
  const fetcher = async (params, options) => {
    const result = await baseFetcher(params, options);
    if (result && typeof result === "object" && result.extensions) showDrill(result.extensions.clock);
    return result;
  };
  // A token may come in the fragment (#token=…, never sent to the server); header values must be ASCII.
  const token = new URLSearchParams(location.hash.slice(1)).get("token");
  const defaultHeaders = JSON.stringify({ Authorization: "Bearer " + (token || "PASTE-A-DEMO-TOKEN-PRINTED-BY-NPM-START") }, null, 2);
  const defaultQuery = "# 在下方 Headers 中填入 npm start 打印的演示令牌后运行\\n{\\n  families(first: 3) {\\n    totalCount\\n    edges { node { id division { name } applicant { name } credit { score tier } lists { kind status } tenancy { unitAddress monthsInArrears } judicial { caseNumber } } }\\n  }\\n}\\n";
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery, defaultHeaders, headerEditorEnabled: true, shouldPersistHeaders: false, defaultEditorToolsVisibility: "headers" })
  );
</script>
</body>
</html>`;

/** Route: GET /graphiql (the page, with the drill banner while a drill clock is in force) and /graphiql/<asset>. */
export const graphiqlRoute = (clock: Clock) => (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method !== "GET" || !(url.pathname === "/graphiql" || url.pathname.startsWith("/graphiql/"))) return false;
  if (url.pathname === "/graphiql" || url.pathname === "/graphiql/") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    const drill = isDrillClock(clock) ? JSON.stringify(drillClockExtension(clock)).replace(/</g, "\\u003c") : "null";
    res.end(PAGE.replace("__HUB_DRILL_CLOCK__", drill));
    return true;
  }
  const name = url.pathname.slice("/graphiql/".length);
  const body = asset(name);
  if (!body) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("未找到");
    return true;
  }
  res.writeHead(200, { "content-type": ASSETS[name].type, "content-length": body.length, "cache-control": "public, max-age=3600" });
  res.end(body);
  return true;
};
