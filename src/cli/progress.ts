/**
 * Progress of a long batch on standard error, only when it is a terminal (never mixed into output that a
 * script reads): files done, rate and time left, redrawn on one line at most a few times a second.
 */
import type { Io } from "./index";

export interface Progress {
  tick(): void;
  done(): void;
}

const SILENT: Progress = { tick: () => undefined, done: () => undefined };

export function progress(
  io: Io,
  total: number,
  lang: "zh" | "en",
  now = () => Date.now()
): Progress {
  if (!io.errIsTTY || total < 2) return SILENT;
  const start = now();
  let done = 0;
  let drawn = 0;
  const draw = () => {
    const seconds = (now() - start) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 ? Math.round((total - done) / rate) : undefined;
    const line =
      lang === "en"
        ? `${done}/${total} files · ${rate.toFixed(1)}/s${left !== undefined ? ` · ${left}s left` : ""}`
        : `已处理 ${done}/${total} 个文件 · 每秒 ${rate.toFixed(1)} 个${left !== undefined ? ` · 约剩 ${left} 秒` : ""}`;
    io.err(`\r\x1b[K${line}`);
    drawn = now();
  };
  return {
    tick() {
      done++;
      if (done === total || now() - drawn > 200) draw();
    },
    done() {
      io.err("\r\x1b[K");
    },
  };
}
