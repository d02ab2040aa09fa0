// What the operator sees while requests go out: on a terminal, a redrawn block (bar, counts, requests
// in flight) with one permanent line per answered request; elsewhere (CI logs, pipes), one plain line
// per answered request. Both on stderr.
import type { InstanceRecord } from "../report/types.js";
import type { Terminal } from "../terminal.js";
import { bar, createLiveBlock, type LiveBlock } from "./live.js";

export interface SubmitView {
  sending(records: readonly InstanceRecord[]): void;
  settled(records: readonly InstanceRecord[]): void;
  finish(): void;
}

interface Tally {
  submitted: number;
  rejected: number;
  failed: number;
  skipped: number;
}

function tallyOf(records: readonly InstanceRecord[]): Tally {
  const tally: Tally = { submitted: 0, rejected: 0, failed: 0, skipped: 0 };
  for (const r of records) {
    const status = r.submission?.status;
    if (status === "submitted" || status === "rejected" || status === "failed" || status === "skipped") tally[status]++;
  }
  return tally;
}

function describe(t: Tally): string {
  return `${t.submitted} submitted, ${t.rejected} rejected, ${t.failed} failed${t.skipped ? `, ${t.skipped} not sent` : ""}`;
}

/** The error codes of a request's refusals, e.g. `DBS.200011 ×2`. */
function reasons(records: readonly InstanceRecord[]): string {
  const codes = new Map<string, number>();
  for (const r of records) {
    const s = r.submission;
    if (s?.status !== "rejected" && s?.status !== "failed") continue;
    const key = s.errorCode ?? (s.httpStatus ? `HTTP ${s.httpStatus}` : (s.errorMessage ?? "error"));
    codes.set(key, (codes.get(key) ?? 0) + 1);
  }
  return [...codes].map(([code, n]) => (n > 1 ? `${code} ×${n}` : code)).join(", ");
}

export function createSubmitView(terminal: Terminal, service: string, total: number, requests: number): SubmitView {
  const c = terminal.errColors;
  const all = { submitted: 0, rejected: 0, failed: 0, skipped: 0 };
  let answered = 0;
  let requestsDone = 0;
  let inFlight = 0;
  const requestLabel = (records: readonly InstanceRecord[]) =>
    records[0]?.request === undefined ? `request ${requestsDone}` : `request ${records[0].request}`;
  const line = (records: readonly InstanceRecord[]): string => {
    const t = tallyOf(records);
    const why = reasons(records);
    const mark = t.rejected + t.failed > 0 ? c.red("✗") : t.skipped > 0 ? c.yellow("-") : c.green("✓");
    return `${mark} ${requestLabel(records)}/${requests}: ${describe(t)}${why ? ` (${why})` : ""}`;
  };

  if (!terminal.liveProgress) {
    terminal.note(`${service}: submitting ${total} instances in ${requests} request${requests === 1 ? "" : "s"}`);
    return {
      sending(records) {
        terminal.debug(`${requestLabel(records)}/${requests}: sending ${records.length} instances`);
      },
      settled(records) {
        requestsDone++;
        answered += records.length;
        terminal.note(`${line(records)} [${answered}/${total}]`);
      },
      finish() {},
    };
  }

  const block: LiveBlock = createLiveBlock(terminal.err);
  const render = () =>
    block.set([
      `${c.bold(service)}: submitting ${total} instances in ${requests} request${requests === 1 ? "" : "s"}`,
      `${bar(answered, total)} ${answered}/${total} answered · ${requestsDone}/${requests} requests · ${inFlight} in flight`,
      `${c.green(`${all.submitted} submitted`)} · ${c.red(`${all.rejected} rejected`)} · ${c.red(`${all.failed} failed`)}${all.skipped ? ` · ${c.yellow(`${all.skipped} not sent`)}` : ""}`,
    ]);
  render();
  return {
    sending() {
      inFlight++;
      render();
    },
    settled(records) {
      requestsDone++;
      inFlight = Math.max(0, inFlight - (records.some((r) => r.submission?.status !== "skipped") ? 1 : 0));
      answered += records.length;
      const t = tallyOf(records);
      for (const key of Object.keys(all) as (keyof Tally)[]) all[key] += t[key];
      render();
      block.persist(line(records)); // draws the block anew below the kept line
    },
    finish() {
      block.done();
    },
  };
}
