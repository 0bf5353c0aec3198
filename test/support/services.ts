// Compiled services as child processes (`hub serve <name>`), as production runs them.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const CLI = path.join(ROOT, "dist/src/cli/hub.js");

/** Compiles dist/ (the services the tests start are the compiled ones). */
export function buildDist(): void {
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
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
