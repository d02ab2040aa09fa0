// The standalone server's options, checked once and with their defaults filled in.
import { SIGNATURE_DEBUG_HEADER } from "./auth.js";
import type { MockServerOptions } from "./server.js";

export interface ServerSettings {
  host: string;
  port: number;
  maxBodyBytes: number;
  maxDrainBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxHeaderBytes: number;
  maxConnections: number;
  log: ((line: string) => void) | undefined;
  /** The headers a browser may read of an answer (the docs console reads them cross-origin). */
  exposedHeaders: string;
}

const loopbackHosts = new Set(["127.0.0.1", "::1", "localhost"]);

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

export function serverSettings(options: MockServerOptions): ServerSettings {
  const host = options.host ?? "127.0.0.1";
  const maxBodyBytes = positive("maxBodyBytes", options.maxBodyBytes ?? 1024 * 1024);
  const maxDrainBytes = options.maxDrainBytes ?? 128 * 1024 * 1024;
  if (!Number.isInteger(maxDrainBytes) || maxDrainBytes < 0)
    throw new RangeError("maxDrainBytes must be an integer >= 0");
  const headersTimeoutMs = positive("headersTimeoutMs", options.headersTimeoutMs ?? 10_000);
  const requestTimeoutMs = positive("requestTimeoutMs", options.requestTimeoutMs ?? 30_000);
  if (headersTimeoutMs > requestTimeoutMs) throw new RangeError("headersTimeoutMs must not exceed requestTimeoutMs");
  const maxHeaderBytes = positive("maxHeaderBytes", options.maxHeaderBytes ?? 16 * 1024);
  const maxConnections = positive("maxConnections", options.maxConnections ?? 256);
  if (options.debugSignatures && !loopbackHosts.has(host)) {
    throw new Error(
      `debugSignatures is for a mock on this machine only: host must be 127.0.0.1, ::1 or localhost, not ${host}`,
    );
  }
  return {
    host,
    port: options.port ?? 4010,
    maxBodyBytes,
    maxDrainBytes,
    headersTimeoutMs,
    requestTimeoutMs,
    maxHeaderBytes,
    maxConnections,
    log: options.log || undefined,
    // The signature debug header only exists with `debugSignatures` (the docs console reads it cross-origin).
    exposedHeaders: options.debugSignatures ? `X-Request-Id, ${SIGNATURE_DEBUG_HEADER}` : "X-Request-Id",
  };
}
