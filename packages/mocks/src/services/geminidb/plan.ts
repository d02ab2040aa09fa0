// GeminiDB's plan answer: its instance list, with each engine's datastore fields.
import type { components } from "@dbupgrade/types/geminidb";
import type { MockInstance } from "../../fleet-types.js";
import type { OperationInput, Outcome } from "../../operations/outcome.js";
import { common, major, paged, running, selected } from "../../operations/plan.js";
import type { GeminiDbEngine } from "./versions.js";

/** The datastore type GeminiDB's ListInstances reports per engine. */
export const geminiDbDatastoreTypes: Record<GeminiDbEngine, string> = {
  Cassandra: "cassandra",
  Influx: "influxdb",
  Redis: "redis",
};

type GeminiDbInstance = components["schemas"]["InstanceSummary"];

function geminiDbInstance(i: MockInstance): GeminiDbInstance {
  const engine = i.engine ?? "Cassandra";
  return {
    ...common("geminidb", i),
    actions: running(i) ? ["UPGRADING"] : [],
    datastore: {
      type: geminiDbDatastoreTypes[engine],
      version: major(i.version),
      patch_available: i.patchAvailable,
      // "Only GeminiDB Cassandra supports it."
      ...(engine === "Cassandra" ? { whole_version: i.version } : {}),
    },
  };
}

export function listGeminiDbInstances(input: OperationInput): Outcome {
  const type = input.query.datastore_type;
  const rows = selected(input)
    .map(geminiDbInstance)
    .filter((i) => (type ? i.datastore.type === type : true));
  return { status: input.successStatus, body: paged(input, rows) };
}
