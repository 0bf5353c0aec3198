// The import's progress on stderr (stdout keeps the summary): on a terminal one redrawn line
// with rows done/total, rate and remaining time; otherwise (cron, CI, a pipe) a plain line at
// every tenth of the file and a last one.
import { createProgress, formatDuration, type Progress, type ProgressStream } from "../exchange/progress";

export type IntakeProgressFactory = (label: string, total: number) => Pick<Progress, "add" | "done">;

export function createIntakeProgress(label: string, total: number, stream: ProgressStream = process.stderr, now: () => number = Date.now): Pick<Progress, "add" | "done"> {
  if (stream.isTTY) return createProgress(label, { total, unit: "行", stream, now });
  const started = now();
  let count = 0;
  let nextTenth = 1;
  let last = -1;
  const line = () => {
    const elapsed = Math.max(1, now() - started) / 1000;
    const rate = count / elapsed;
    const pct = total ? Math.min(100, Math.floor((count / total) * 100)) : 100;
    const eta = count < total && rate > 0 ? `，预计剩余 ${formatDuration((total - count) / rate)}` : "";
    stream.write(`${label}：${count}/${total} 行（${pct}%），${rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)} 行/秒，已用 ${formatDuration(elapsed)}${eta}\n`);
    last = count;
  };
  return {
    add(n: number) {
      count += n;
      if (total > 0 && count * 10 >= nextTenth * total && count < total) {
        while (count * 10 >= nextTenth * total) nextTenth++;
        line();
      }
    },
    done() {
      if (last !== count) line();
    },
  };
}

/** No progress output (tests, the benchmark). */
export const silentProgress: IntakeProgressFactory = () => ({ add: () => undefined, done: () => undefined });
