// Tables in the kubectl / gh style: a header row and aligned columns, no box lines, so they read
// well in a terminal, a CI log and `less` alike. cli-table3 does the width math (ANSI-aware).
import Table from "cli-table3";
import type { Colors } from "../terminal.js";

const borderless = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
};

export function renderTable(colors: Colors, head: string[], rows: string[][]): string {
  const table = new Table({
    head: head.map((h) => colors.bold(h)),
    chars: borderless,
    style: { "padding-left": 0, "padding-right": 0, head: [], border: [], compact: true },
  });
  for (const row of rows) table.push(row);
  return table
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}
