// `npm install` / `npm ci` (the prepare step): compile the TypeScript once, so that `npm start`,
// `npm run hub -- …` and `hub serve` run the compiled dist/ with plain Node — no TypeScript at
// run time. An install without devDependencies (`npm ci --omit=dev` on a built checkout) has no
// compiler: it keeps the dist/ that is there.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
} catch {
  tsc = null;
}
if (tsc) {
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
} else if (!fs.existsSync(path.join(root, "dist/src/cli/hub.js"))) {
  console.warn("未安装 TypeScript 且没有已编译的 dist/：请先在构建环境执行 npm ci && npm run build（No TypeScript and no dist/: build first.）");
}
