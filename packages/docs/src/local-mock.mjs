// Where the docs' samples send requests: the standalone mock server of @dbupgrade/mocks as
// `pnpm start` runs it, with the credentials it accepts when none are configured.

/** Origin of the mock server in every generated sample (the port `pnpm start` uses by default). */
export const mockOrigin = "http://127.0.0.1:4010";

/** The mock's default IAM token (`DBUPGRADE_MOCK_TOKEN` unset). A local test value, not a secret. */
export const mockToken = "dbupgrade-local-token";

/**
 * Base URL of one API on the mock: the server serves each API under its name.
 * @param {string} api
 * @param {string} [origin]
 */
export function mockBaseUrl(api, origin = mockOrigin) {
  return `${origin}/${api}`;
}
