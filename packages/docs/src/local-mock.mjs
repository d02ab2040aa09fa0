// Where the docs' samples send requests: the standalone mock server of @dbupgrade/mocks as
// `pnpm start` runs it, with the credentials it accepts when none are configured.
import { defaultMockCredentials } from "@dbupgrade/mocks";

/** Origin of the mock server in every generated sample (the port `pnpm start` uses by default). */
export const mockOrigin = "http://127.0.0.1:4010";

/** The mock's default IAM token (`DBUPGRADE_MOCK_TOKEN` unset): a local test value, not a secret. */
export const mockToken = defaultMockCredentials.token;

/**
 * Base URL of one API on the mock: the server serves each API under its name.
 * @param {string} api
 * @param {string} [origin]
 */
export function mockBaseUrl(api, origin = mockOrigin) {
  return `${origin}/${api}`;
}

/**
 * The credentials the mock should accept: the same environment variables as the `dbupgrade-mock`
 * CLI, defaulting to the values the samples use.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function mockCredentialsFromEnv(env = process.env) {
  return {
    token: env["DBUPGRADE_MOCK_TOKEN"] || defaultMockCredentials.token,
    accessKey: env["DBUPGRADE_MOCK_AK"] || defaultMockCredentials.accessKey,
    secretKey: env["DBUPGRADE_MOCK_SK"] || defaultMockCredentials.secretKey,
  };
}
