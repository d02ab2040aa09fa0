// Where the connection and credentials come from, and that they never come from a flag or leak.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfigPath, resolveConnection } from "../src/config.js";
import { CliError } from "../src/errors.js";
import { EXIT } from "../src/exit-codes.js";
import { SecretScrubber } from "../src/secrets.js";
import { tempDir } from "./support/report.js";

const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";
const noConfig = () => ({ HOME: tempDir() });

function resolve(env: Record<string, string | undefined>, flags = {}, warnings: string[] = []) {
  const scrubber = new SecretScrubber();
  const connection = resolveConnection("dds", { projectId, region: "ap-southeast-1", ...flags }, env, scrubber, (w) =>
    warnings.push(w),
  );
  return { connection, scrubber };
}

function failure(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("expected a CliError");
}

describe("credentials", () => {
  it("reads AK/SK from the official SDK variables, and registers the secret with the scrubber", () => {
    const { connection, scrubber } = resolve({
      ...noConfig(),
      HUAWEICLOUD_SDK_AK: "AKEXAMPLE00000000000",
      HUAWEICLOUD_SDK_SK: "sk-very-secret-value",
    });
    expect(connection.auth).toEqual({ accessKey: "AKEXAMPLE00000000000", secretKey: "sk-very-secret-value" });
    expect(connection.authSource).toBe("AK/SK from HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK");
    expect(scrubber.scrub("sig sk-very-secret-value!")).toBe("sig [REDACTED]!");
  });

  it("takes a token from DBUPGRADE_TOKEN when no AK/SK is set", () => {
    const { connection, scrubber } = resolve({ ...noConfig(), DBUPGRADE_TOKEN: "token-abcdef-123456" });
    expect(connection.auth).toEqual({ token: "token-abcdef-123456" });
    expect(scrubber.scrub("X-Auth-Token: token-abcdef-123456")).not.toContain("token-abcdef");
  });

  it("refuses half an AK/SK pair with a line naming the missing variable (exit 4)", () => {
    const error = failure(() => resolve({ ...noConfig(), HUAWEICLOUD_SDK_AK: "AKEXAMPLE00000000000" }));
    expect(error.exitCode).toBe(EXIT.config);
    expect(error.message).toBe("HUAWEICLOUD_SDK_SK is not set (HUAWEICLOUD_SDK_AK is): set both");
  });

  it("says where credentials can come from when there are none", () => {
    const error = failure(() => resolve(noConfig()));
    expect(error.exitCode).toBe(EXIT.config);
    expect(error.message).toMatch(
      /^no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK \(or DBUPGRADE_TOKEN\)/,
    );
  });

  it("reads the config file (default path under XDG_CONFIG_HOME), warns when others can read its secrets", () => {
    const home = tempDir();
    const env = { XDG_CONFIG_HOME: home };
    const path = defaultConfigPath(env);
    mkdirSync(join(home, "dbupgrade"));
    writeFileSync(
      path,
      JSON.stringify({
        region: "ap-southeast-1",
        projectId,
        accessKey: "AKFILE00000000000000",
        secretKey: "file-secret-key-123",
      }),
    );
    chmodSync(path, 0o644);
    const warnings: string[] = [];
    const scrubber = new SecretScrubber();
    const connection = resolveConnection("dds", {}, env, scrubber, (w) => warnings.push(w));
    expect(connection).toMatchObject({
      projectId,
      region: "ap-southeast-1",
      auth: { accessKey: "AKFILE00000000000000" },
    });
    expect(warnings).toEqual([
      `warning: config file ${path} holds credentials and is readable by others (chmod 600 it)`,
    ]);
    chmodSync(path, 0o600);
    warnings.length = 0;
    resolveConnection("dds", {}, env, new SecretScrubber(), (w) => warnings.push(w));
    expect(warnings).toEqual([]);
    expect(scrubber.scrub("file-secret-key-123")).toBe("[REDACTED]");
  });

  it("refuses a config file with an unknown field, bad JSON, or that cannot be read (exit 4)", () => {
    const dir = tempDir();
    const typo = join(dir, "typo.json");
    writeFileSync(typo, JSON.stringify({ secretkey: "x" }), { mode: 0o600 });
    expect(failure(() => resolve({}, { config: typo })).message).toMatch(/unknown field "secretkey"/);
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{", { mode: 0o600 });
    expect(failure(() => resolve({}, { config: broken })).message).toBe(`config file ${broken} is not valid JSON`);
    expect(failure(() => resolve({}, { config: join(dir, "missing.json") })).message).toMatch(
      /cannot read config file .*missing\.json: ENOENT/,
    );
  });

  it("per-service endpoints in the config file; flags beat the environment beat the file", () => {
    const dir = tempDir();
    const config = join(dir, "c.json");
    writeFileSync(
      config,
      JSON.stringify({
        projectId: "a".repeat(32),
        endpoint: { dds: "http://127.0.0.1:9/dds" },
        token: "file-token-000000",
      }),
      { mode: 0o600 },
    );
    const scrubber = new SecretScrubber();
    const fromFile = resolveConnection("dds", { config }, {}, scrubber, () => {});
    expect(fromFile).toMatchObject({
      projectId: "a".repeat(32),
      endpoint: "http://127.0.0.1:9/dds",
      region: undefined,
      auth: { token: "file-token-000000" },
    });
    const fromEnv = resolveConnection(
      "dds",
      { config },
      { HUAWEICLOUD_SDK_PROJECT_ID: "b".repeat(32), DBUPGRADE_TOKEN: "env-token-000000" },
      scrubber,
      () => {},
    );
    expect(fromEnv).toMatchObject({ projectId: "b".repeat(32), auth: { token: "env-token-000000" } });
    const fromFlag = resolveConnection(
      "dds",
      { config, projectId: "c".repeat(32), endpoint: "http://127.0.0.1:8/x" },
      { HUAWEICLOUD_SDK_PROJECT_ID: "b".repeat(32) },
      scrubber,
      () => {},
    );
    expect(fromFlag).toMatchObject({ projectId: "c".repeat(32), endpoint: "http://127.0.0.1:8/x" });
    expect(failure(() => resolveConnection("gaussdb", { config }, {}, scrubber, () => {})).message).toMatch(
      /^no region/,
    );
  });
});
