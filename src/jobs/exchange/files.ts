// Durable files for the exchange jobs: positional writes with fsync, atomic replacement
// (temp file, fsync, rename, fsync of the directory), and a lock file per job and directory.
import fs from "node:fs";
import path from "node:path";

export class ExchangeError extends Error {}

/** Writes all of `data` at `offset` and fsyncs the file. */
export function writeAtSync(fd: number, data: Buffer, offset: number): void {
  let done = 0;
  while (done < data.length) done += fs.writeSync(fd, data, done, data.length - done, offset + done);
  fs.fsyncSync(fd);
}

/** fsync of a directory, so that a rename or a new file in it survives a power loss. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Replaces `file` atomically: readers see the old or the new content, never a mix. */
export function replaceFileSync(file: string, content: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    writeAtSync(fd, Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"), 0);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(path.resolve(file)));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes `<name>.lock` in `dir` (holding this process's id) so that two runs of the same job
 * never write the same files at once; a lock left by a killed process is taken over.
 * Returns the release function.
 */
export function acquireLock(dir: string, name: string): () => void {
  const file = path.join(dir, `${name}.lock`);
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number(fs.readFileSync(file, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new ExchangeError(`另一个任务（进程 ${holder}）正在使用 ${dir}，请等待其结束（锁文件 ${file}）`);
      }
      fs.rmSync(file, { force: true }); // left by a process that no longer runs
    }
  }
  throw new ExchangeError(`无法取得锁文件 ${file}`);
}
