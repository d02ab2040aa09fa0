// How instance states look: one color per kind of news (good, bad, in between, not applicable).
import type { InstanceState } from "../report/summary.js";
import type { Colors } from "../terminal.js";

export function paintState(colors: Colors, state: InstanceState, text: string = state): string {
  switch (state) {
    case "completed":
    case "submitted":
      return colors.green(text);
    case "rejected":
    case "failed":
    case "job failed":
    case "unknown":
    case "lost":
      return colors.red(text);
    case "pending":
    case "running":
    case "skipped":
    case "cancelled":
      return colors.yellow(text);
    case "ineligible":
    case "not sent":
      return colors.dim(text);
  }
}
