// A block of lines redrawn in place on a terminal (log-update does the cursor work; no escape codes
// here), at most every `intervalMs`, so thousands of updates cost a few redraws. Lines written with
// `persist` scroll above the block and stay.
import { createLogUpdate } from "log-update";
import type { OutputStream } from "../terminal.js";

export interface LiveBlock {
  /** Replaces the block's content (drawn now or at the next tick). */
  set(lines: string[]): void;
  /** A permanent line above the block. */
  persist(line: string): void;
  /** Draws the last content and leaves it on screen. */
  done(): void;
}

/**
 * The terminal as log-update should see it. A pseudo-terminal without a window size (a CI runner's,
 * `script` without a tty on stdin) reports 0 rows and columns, and log-update then draws nothing at
 * all: use the usual 80 x 24 instead.
 */
function sized(stream: OutputStream): NodeJS.WritableStream {
  return {
    write: (chunk: string) => stream.write(chunk),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns || 80;
    },
    get rows() {
      return stream.rows || 24;
    },
  } as unknown as NodeJS.WritableStream;
}

export function createLiveBlock(stream: OutputStream, intervalMs = 100): LiveBlock {
  const draw = createLogUpdate(sized(stream), { showCursor: true });
  let content: string[] = [];
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    draw(content.join("\n"));
  };
  return {
    set(lines) {
      content = lines;
      dirty = true;
      if (timer === undefined) {
        flush();
        dirty = false;
        timer = setTimeout(flush, intervalMs);
        timer.unref?.();
      }
    },
    persist(line) {
      draw.persist(line);
      draw(content.join("\n"));
      dirty = false;
    },
    done() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      draw(content.join("\n"));
      draw.done();
    },
  };
}

/** A text progress bar, `width` cells wide (block characters, not escape codes). */
export function bar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.min(width, Math.round((done / total) * width));
  return `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
}
