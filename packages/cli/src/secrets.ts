// Every line dbupgrade prints or stores passes through a scrubber that knows the secrets in use (token,
// secret key, security token), so no code path can leak them, --verbose included. The client already
// redacts its errors; this is the second lock on the door, for text the CLI assembles itself, with the
// client's own redactor (one scrubber: known values, auth header values and signatures).
import { createRedactor, REDACTED, type Redactor } from "@dbupgrade/client";

export const SCRUBBED = REDACTED;

export class SecretScrubber {
  readonly #secrets = new Set<string>();
  #redact: Redactor = createRedactor([]);

  /** Registers a secret. Very short values are ignored: replacing them would mangle ordinary text. */
  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < 6 || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    this.#redact = createRedactor([...this.#secrets]);
  }

  scrub(text: string): string {
    return this.#redact(text);
  }

  /** A copy of a JSON-able value with every string scrubbed (for report files). */
  scrubValue<T>(value: T): T {
    const walk = (item: unknown): unknown => {
      if (typeof item === "string") return this.scrub(item);
      if (Array.isArray(item)) return item.map(walk);
      if (item !== null && typeof item === "object")
        return Object.fromEntries(Object.entries(item).map(([k, v]) => [this.scrub(k), walk(v)]));
      return item;
    };
    return walk(value) as T;
  }
}
