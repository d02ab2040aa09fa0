// Client side: which headers to sign, and the headers to add to the request.
import { formatAuthorization } from "./authorization.js";
import { buildCanonicalRequest, buildStringToSign, sortSignedHeaders, SDK_DATE_HEADER } from "./canonical.js";
import { chain, currentHashEngine } from "./digest.js";
import { normalizeHeaders, type HeaderMap, type SignableRequest } from "./request.js";
import { formatSdkDate, parseSdkDate } from "./sdk-date.js";

export const PROJECT_ID_HEADER = "X-Project-Id";
export const SECURITY_TOKEN_HEADER = "X-Security-Token";

export interface AkSkCredentials {
  accessKey: string;
  secretKey: string;
  /** Temporary credentials: sent (and signed) as X-Security-Token. */
  securityToken?: string | undefined;
}

export interface SignOptions {
  /** Signing time when the request has no X-Sdk-Date header; default now. */
  date?: Date | undefined;
  /** Sent and signed as X-Project-Id, as the SDKs do for BasicCredentials. */
  projectId?: string | undefined;
  /**
   * Exactly the headers to sign (any case; `x-sdk-date` is always added). Default: every request
   * header except Content-Type, Authorization and names containing `_`, plus host, x-sdk-date and the
   * X-Project-Id / X-Security-Token this call adds (the latest Java SDK's choice).
   */
  signedHeaders?: readonly string[] | undefined;
}

/** Headers to set on the request (replace, do not append). Optional ones appear only when used. */
export interface SignedRequestHeaders extends Record<string, string> {
  "X-Sdk-Date": string;
  Authorization: string;
}

/** The Java SDK's filter for the default signed headers. */
export function isSignedByDefault(lowerCaseName: string): boolean {
  return lowerCaseName !== "content-type" && lowerCaseName !== "authorization" && !lowerCaseName.includes("_");
}

function chooseSignedHeaders(headers: HeaderMap, options: SignOptions): string[] {
  if (options.signedHeaders) {
    const names = sortSignedHeaders([...options.signedHeaders, "x-sdk-date"]);
    if (names.includes("authorization")) {
      throw new TypeError("@dbupgrade/aksk: the Authorization header cannot be signed");
    }
    return names;
  }
  const names = ["host", "x-sdk-date"];
  for (const name of headers.keys()) if (isSignedByDefault(name)) names.push(name);
  return sortSignedHeaders(names);
}

/**
 * Signs a request with SDK-HMAC-SHA256 and returns the headers to set on it: X-Sdk-Date, X-Project-Id
 * (with `projectId`), X-Security-Token (with `securityToken`) and Authorization. An X-Sdk-Date header
 * already on the request is kept and signed (it must be YYYYMMDDTHHMMSSZ).
 */
export async function signRequest(
  request: SignableRequest,
  credentials: AkSkCredentials,
  options: SignOptions = {},
): Promise<SignedRequestHeaders> {
  if (!credentials.accessKey || !credentials.secretKey) {
    throw new TypeError("@dbupgrade/aksk: accessKey and secretKey must be non-empty");
  }
  const headers = normalizeHeaders(request.headers);

  const givenDate = headers.get("x-sdk-date");
  if (givenDate !== undefined && !parseSdkDate(givenDate.trim())) {
    throw new TypeError("@dbupgrade/aksk: the request's X-Sdk-Date header is not of the form YYYYMMDDTHHMMSSZ");
  }
  const sdkDate = givenDate?.trim() ?? formatSdkDate(options.date ?? new Date());

  const added: Record<string, string> = { [SDK_DATE_HEADER]: sdkDate };
  headers.set("x-sdk-date", sdkDate);
  if (options.projectId !== undefined) {
    added[PROJECT_ID_HEADER] = options.projectId;
    headers.set("x-project-id", options.projectId);
  }
  if (credentials.securityToken !== undefined) {
    added[SECURITY_TOKEN_HEADER] = credentials.securityToken;
    headers.set("x-security-token", credentials.securityToken);
  }

  const signedHeaders = chooseSignedHeaders(headers, options);
  const signature = chain(
    chain(
      buildCanonicalRequest({ method: request.method, url: request.url, headers, body: request.body }, signedHeaders),
      (canonical) => buildStringToSign(sdkDate, canonical),
    ),
    (toSign) => currentHashEngine().hmacSha256Hex(credentials.secretKey, toSign),
  );
  added.Authorization = formatAuthorization(credentials.accessKey, signedHeaders, await signature);
  return added as SignedRequestHeaders;
}
