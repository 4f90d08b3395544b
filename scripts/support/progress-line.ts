// One line on a terminal that says how far a long task has got ("Importing… writing passages 45%"),
// rewritten in place. Shown only on a TTY and only once the task has run for a while, so a quick
// import prints nothing extra and a log file never fills with carriage returns.
import type { ImportProgress } from "@/lib/sources/import-progress";

const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;
const BAR_WIDTH = 24;

export type ProgressLine = {
  update(progress: ImportProgress): void;
  /** Removes the line (before the result is printed). */
  clear(): void;
};

export function progressLine(stream: NodeJS.WriteStream = process.stderr, label = "Importing"): ProgressLine {
  const started = Date.now();
  let drawn = false;
  let lastDraw = 0;
  let latest: ImportProgress | undefined;
  // The line is drawn from a timer too, so it appears after a second even if a stage reports nothing.
  const timer = stream.isTTY ? setInterval(() => draw(), REDRAW_EVERY_MS) : undefined;
  timer?.unref();

  function draw(force = false) {
    if (!stream.isTTY || !latest) return;
    const now = Date.now();
    if (now - started < SHOW_AFTER_MS) return;
    if (!force && now - lastDraw < REDRAW_EVERY_MS) return;
    lastDraw = now;
    const percent = Math.floor(latest.fraction * 100);
    const filled = Math.round(latest.fraction * BAR_WIDTH);
    const bar = `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
    const text = `${label} ${bar} ${String(percent).padStart(3)}%  ${latest.label}`;
    const width = stream.columns || 80;
    stream.write(`\r${text.slice(0, width - 1).padEnd(width - 1)}`);
    drawn = true;
  }

  return {
    update(progress) {
      latest = progress;
      draw();
    },
    clear() {
      if (timer) clearInterval(timer);
      if (drawn) stream.write(`\r${" ".repeat((stream.columns || 80) - 1)}\r`);
      drawn = false;
    },
  };
}
