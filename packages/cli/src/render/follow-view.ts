// What the operator sees while upgrades run: on a terminal, a redrawn block (bar and counts per
// state) with a permanent line per concluded instance; elsewhere, a line per concluded instance and
// a counts line at most every 30 s. Both on stderr.
import type { FollowProgress } from "@dbupgrade/client";
import type { FollowView } from "../follow/follow.js";
import { instanceState } from "../report/summary.js";
import type { Terminal } from "../terminal.js";
import { instanceDetail } from "./report-view.js";
import { paintState } from "./states.js";
import { bar, createLiveBlock } from "./live.js";

export const PLAIN_PROGRESS_EVERY_MS = 30_000;

function countsText(p: FollowProgress): string {
  const c = p.counts;
  return `${c.completed} completed, ${c.failed} failed, ${c.cancelled} cancelled, ${c.running} running, ${c.pending} pending, ${c.unknown} not seen yet`;
}

export function createFollowView(
  terminal: Terminal,
  service: string,
  total: number,
  now: () => number = Date.now,
): FollowView {
  const c = terminal.errColors;
  const concludedLine = (record: Parameters<FollowView["concluded"]>[0]): string => {
    const state = instanceState(record);
    const detail = instanceDetail(record);
    return `${paintState(c, state, state === "completed" ? "✓" : "✗")} ${record.instanceId}${record.name ? ` (${record.name})` : ""}: ${paintState(c, state)}${detail ? ` - ${detail}` : ""}`;
  };

  if (!terminal.liveProgress) {
    terminal.note(`${service}: following ${total} upgrade${total === 1 ? "" : "s"}`);
    let lastLine = 0;
    let last: FollowProgress | undefined;
    return {
      progress(progress) {
        last = progress;
        if (now() - lastLine < PLAIN_PROGRESS_EVERY_MS) return;
        lastLine = now();
        terminal.note(`${progress.settled}/${progress.total} ended: ${countsText(progress)}`);
      },
      concluded(record) {
        terminal.note(concludedLine(record));
      },
      finish() {
        if (last !== undefined) terminal.note(`${last.settled}/${last.total} ended: ${countsText(last)}`);
      },
    };
  }

  const block = createLiveBlock(terminal.err);
  let latest: FollowProgress | undefined;
  const render = () => {
    const p = latest;
    block.set([
      `${c.bold(service)}: following ${total} upgrade${total === 1 ? "" : "s"}`,
      p === undefined
        ? `${bar(0, total)} waiting for the first status`
        : `${bar(p.settled, p.total)} ${p.settled}/${p.total} ended · ${p.requests} status checks`,
      p === undefined
        ? ""
        : `${c.green(`${p.counts.completed} completed`)} · ${c.red(`${p.counts.failed} failed`)} · ${c.yellow(`${p.counts.running} running`)} · ${c.yellow(`${p.counts.pending} pending`)} · ${c.dim(`${p.counts.unknown} not seen yet`)}${p.counts.cancelled ? ` · ${c.yellow(`${p.counts.cancelled} cancelled`)}` : ""}`,
    ]);
  };
  render();
  return {
    progress(progress) {
      latest = progress;
      render();
    },
    concluded(record) {
      block.persist(concludedLine(record));
    },
    finish() {
      block.done();
    },
  };
}
