/** The credentials the mocks accept: one IAM token and one AK/SK pair. */
export interface MockCredentials {
  token: string;
  accessKey: string;
  secretKey: string;
}

/**
 * Test values accepted when no credentials are given (the standalone server reads
 * `DBUPGRADE_MOCK_TOKEN`, `DBUPGRADE_MOCK_AK` and `DBUPGRADE_MOCK_SK`, defaulting to these).
 * They are not secrets: they only open the mocks.
 */
export const defaultMockCredentials: Readonly<MockCredentials> = Object.freeze({
  token: "dbupgrade-local-token",
  accessKey: "DBUPGRADELOCALAK0000",
  secretKey: "dbupgrade-local-secret-key",
});
