import type { Io } from "../io.js";

export async function run(_io: Io, _options: Record<string, unknown>, _args: string[]): Promise<number> {
  throw new Error("plan: not yet");
}
