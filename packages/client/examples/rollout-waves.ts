import { createGeminiDbClient, planGeminiDbUpgrades, rolloutUpgrades } from "@dbupgrade/client";

const mock = process.env.DBUPGRADE_MOCK_URL ?? "http://127.0.0.1:4010";
const geminidb = createGeminiDbClient({
  baseUrl: `${mock}/geminidb`,
  projectId: "619d3e78f61b4be68bc5aa0b59edcf7b",
  auth: { token: process.env.DBUPGRADE_MOCK_TOKEN ?? "dbupgrade-local-token" },
});

// Waves take the plan's order: a canary of 1, then waves of a third of the fleet. A wave is sent only
// after every job of the previous one ended (and the bake time passed); more than 1 error stops sending.
const plan = await planGeminiDbUpgrades(geminidb);
export const rollout = await rolloutUpgrades(geminidb, plan, {
  canary: 1,
  waveSize: "34%",
  maxErrors: 1,
  bakeMs: 500,
  onWave: ({ wave, of, errors }) => {
    console.log(`wave ${wave.index + 1}/${of}: ${wave.members.length} instances (${errors} errors so far)`);
    return true; // an approval prompt would go here; false stops the rollout
  },
  follow: { initialIntervalMs: 500, visibilityGraceMs: 60_000 },
});
for (const wave of rollout.waves) console.log(`wave ${wave.index + 1}: ${wave.outcome}, ${wave.confirmed} confirmed`);
console.log(rollout.stopped ? `stopped: ${rollout.stopped.reason}` : "every wave ran");
