// Compiled services as child processes (`hub serve <name>`), as production runs them.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const CLI = path.join(ROOT, "dist/src/cli/hub.js");

/** The newest modification time of the files under `dir` that match `test`. */
function newest(dir: string, test: (name: string) => boolean): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(p, test));
    else if (test(entry.name)) latest = Math.max(latest, fs.statSync(p).mtimeMs);
  }
  return latest;
}

/**
 * Compiles dist/ (the services the tests start are the compiled ones) — only when a source is
 * newer than it (`npm test` builds first), and one test file at a time: tsc rewrites every file,
 * and a service another test starts meanwhile would load a half-written module.
 */
export function buildDist(): void {
  const lock = path.join(ROOT, "dist.build-lock");
  const deadline = Date.now() + 170_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another test file is compiling (or a stale lock from a killed run: taken over after 3 minutes).
      if (Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 180_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error("dist/ is being compiled by another test for too long");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    const built = fs.statSync(path.join(ROOT, "dist/src/cli/hub.js"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const sources = Math.max(...["src", "resolvers", "scripts"].map((d) => newest(path.join(ROOT, d), (n) => n.endsWith(".ts") || n.endsWith(".json"))));
    if (built > sources) return;
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Starts `hub serve <name>` with this environment; resolves once it listens (rejects if it exits first or takes over 60 s). */
export function serveService(name: string, env: Record<string, string>): Promise<ChildProcess> {
  return new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "serve", name], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d;
      if (/(gateway|subgraph) http/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${name} exited ${code}:\n${out}`)));
  });
}

/** SIGTERM, and waits for the exit. */
export async function stopService(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}
