// Progress of long exchange jobs: a bar with rate and remaining time on a terminal, plain log
// lines (at most one per interval, and a final one) otherwise — e.g. under cron or in CI logs.

export interface ProgressStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** What is being counted, e.g. "条". */
  unit?: string;
  /** Known total, or null when unknown (no percentage, no remaining time). */
  total?: number | null;
  stream?: ProgressStream;
  /** Overrides `stream.isTTY`. */
  tty?: boolean;
  /** Non-terminal output: at most one line per this many milliseconds (default 2000). */
  intervalMs?: number;
  now?: () => number;
}

export interface Progress {
  /** `n` more items done. */
  add(n: number): void;
  setTotal(total: number | null): void;
  /** A log line that does not break the bar. */
  log(line: string): void;
  /** Ends the bar (or writes the last line). */
  done(): void;
  readonly count: number;
}

/** 75 → "1 分 15 秒". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s} 秒`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} 分 ${s % 60} 秒`;
  return `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}

function formatRate(perSecond: number): string {
  return perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

export function createProgress(label: string, opts: ProgressOptions = {}): Progress {
  const stream: ProgressStream = opts.stream ?? process.stdout;
  const tty = opts.tty ?? Boolean(stream.isTTY);
  const unit = opts.unit ?? "条";
  const now = opts.now ?? Date.now;
  const intervalMs = opts.intervalMs ?? 2000;
  const started = now();
  let total = opts.total ?? null;
  let count = 0;
  let lastDraw = -Infinity;
  let drawnCount = -1;
  let drawn = false;
  let finished = false;

  const stats = () => {
    const elapsed = Math.max(1, now() - started) / 1000;
    const rate = count / elapsed;
    const remaining = total !== null && rate > 0 ? Math.max(0, total - count) / rate : NaN;
    return { elapsed, rate, remaining };
  };

  const barLine = () => {
    const { rate, remaining } = stats();
    const ratio = total ? Math.min(1, count / total) : 0;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 60));
    const filled = Math.round(ratio * width);
    const bar = total !== null ? `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ` : "";
    const of = total !== null ? `${count}/${total}` : `${count}`;
    const eta = total !== null ? ` 剩余 ${formatDuration(remaining)}` : "";
    return `${label} ${bar}${of} ${unit} ${formatRate(rate)} ${unit}/秒${eta}`;
  };

  const plainLine = () => {
    const { rate, remaining, elapsed } = stats();
    const of = total !== null ? `${count}/${total} ${unit}（${total ? ((Math.min(1, count / total)) * 100).toFixed(0) : 100}%）` : `${count} ${unit}`;
    const eta = total !== null && count < total ? `，预计剩余 ${formatDuration(remaining)}` : "";
    return `${label}：${of}，${formatRate(rate)} ${unit}/秒，已用 ${formatDuration(elapsed)}${eta}`;
  };

  const draw = (force: boolean) => {
    const t = now();
    if (tty) {
      if (!force && t - lastDraw < 100) return;
      stream.write(`\r\x1b[2K${barLine()}`);
      drawn = true;
    } else {
      if (!force && t - lastDraw < intervalMs) return;
      stream.write(`${plainLine()}\n`);
    }
    lastDraw = t;
    drawnCount = count;
  };

  return {
    add(n: number) {
      count += n;
      draw(false);
    },
    setTotal(t: number | null) {
      total = t;
    },
    log(line: string) {
      if (tty && drawn) {
        stream.write(`\r\x1b[2K${line}\n`);
        draw(true);
      } else {
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (finished) return;
      finished = true;
      if (tty || drawnCount !== count) draw(true); // the last plain line only when it says something new
      if (tty) stream.write("\n");
    },
    get count() {
      return count;
    },
  };
}
