export { formatAuthorization, parseAuthorization, type ParsedAuthorization } from "./authorization.js";
export {
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  CONTENT_SHA256_HEADER,
  EMPTY_BODY_SHA256,
  MissingSignedHeaderError,
  SDK_DATE_HEADER,
  SIGNING_ALGORITHM,
  stringToSign,
} from "./canonical.js";
export { hmacSha256Hex, sha256Hex, type BinaryInput } from "./digest.js";
export type { BodyLike, HeadersLike, SignableRequest } from "./request.js";
export { formatSdkDate, parseSdkDate } from "./sdk-date.js";
export {
  isSignedByDefault,
  PROJECT_ID_HEADER,
  SECURITY_TOKEN_HEADER,
  signRequest,
  type AkSkCredentials,
  type SignedRequestHeaders,
  type SignOptions,
} from "./sign.js";
export {
  DEFAULT_MAX_SKEW_MS,
  verifyRequest,
  type SecretLookup,
  type VerifyFailureReason,
  type VerifyOptions,
  type VerifyResult,
} from "./verify.js";
