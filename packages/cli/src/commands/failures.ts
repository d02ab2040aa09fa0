// Client errors, told as one line with the documented exit code.
import { DbUpgradeApiError, DbUpgradeError } from "@dbupgrade/client";
import { CliError, configError, oneLine } from "../errors.js";
import { EXIT } from "../exit-codes.js";

const authHint = "check HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK (or DBUPGRADE_TOKEN) and the project id";

export function isAuthStatus(status: number | undefined): boolean {
  return status === 401 || status === 403;
}

export function authRefused(
  status: number | undefined,
  code: string | undefined,
  message: string | undefined,
): CliError {
  return configError(
    `the API refused the credentials (HTTP ${status}${code ? ` ${code}` : ""}${message ? `: ${message}` : ""}); ${authHint}`,
  );
}

/** What planning or following threw, as a CliError. */
export function asCliError(error: unknown, doing: string): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof DbUpgradeApiError && isAuthStatus(error.status))
    return authRefused(error.status, error.errorCode, error.errorMsg);
  if (error instanceof DbUpgradeError) return new CliError(`${doing} failed: ${oneLine(error)}`, EXIT.someFailed);
  if (error instanceof TypeError || error instanceof RangeError)
    return new CliError(`${doing}: ${oneLine(error)}`, EXIT.usage);
  return new CliError(`${doing} failed: ${oneLine(error)}`, EXIT.someFailed);
}
