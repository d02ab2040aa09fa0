// Redaction for reports and recordings a user attaches to a bug: project and instance ids, names, IPs
// and secrets become placeholders. The same value always becomes the same placeholder within one
// redactor (one report, one recording), so the structure of a fleet survives: which rows share an
// instance, which job belongs to which instance. Placeholders keep the shape of what they replace
// (32 hex digits, an instance id's `inNN` suffix, a UUID, a documentation IP) so a recording still
// validates against the specs and still seeds a mock fleet.

/** What the redactor replaces by key: a field with one of these names holds an identifier. */
const ID_KEY = /(^|_)ids?$/;
/** Fields holding a resource's display name. */
const NAME_KEYS = new Set(["name", "instance_name", "alias"]);
/** Fields whose value is a secret whatever it looks like. */
const SECRET_KEY = /(password|passwd|secret|token|credential|private_key|access_key|^ak$|^sk$)/i;
/** Fields holding addresses (`private_ips`, `public_ip`, `proxy_ip`, `address`). */
const IP_KEY = /(^|_)ips?$|address/;
/**
 * Id shapes found inside any text (messages, free-form fields). Addresses are matched by key only:
 * a version such as `4.0.3.112` has the shape of an IPv4 address, a time that of an IPv6 one.
 */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEX32 = /\b[0-9a-f]{32}(in\d{2})?\b/gi;

export const SECRET_PLACEHOLDER = "[REDACTED]";

export interface RedactorOptions {
  /** Values that must never appear (AK, SK, security token, IAM token): replaced wherever found. */
  secrets?: readonly (string | undefined)[];
  /** The project id: becomes a placeholder wherever it appears. */
  projectId?: string;
  /** Keep instance names as they are (`dbupgrade record --keep-names`). Default false. */
  keepNames?: boolean;
}

export interface Redactor {
  /** A redacted deep copy of any JSON value. */
  redact<T>(value: T): T;
  /** A redacted copy of one text. */
  text(value: string): string;
  /** How many distinct values each kind of placeholder stands for (for the report's note). */
  counts(): Record<"ids" | "names" | "ips" | "secrets", number>;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const keepNames = options.keepNames === true;
  // original -> placeholder, per kind; `known` holds every pair for the substring pass, longest first.
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  const ips = new Map<string, string>();
  const secrets = [...new Set(options.secrets ?? [])].filter((s): s is string => typeof s === "string" && s !== "");
  let known: [string, string][] | undefined;

  const idPlaceholder = (value: string): string => {
    let out = ids.get(value);
    if (out !== undefined) return out;
    const n = ids.size + 1;
    const instance = /^[0-9a-z]{8,}(in\d{2})$/i.exec(value);
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
      out = `00000000-0000-4000-8000-${hex(n, 12)}`;
    else if (instance) out = `${hex(n, 32)}${instance[1]!.toLowerCase()}`;
    else if (/^[0-9a-f]{32}$/i.test(value)) out = hex(n, 32);
    else out = `id-${n}`;
    ids.set(value, out);
    known = undefined;
    return out;
  };
  const namePlaceholder = (value: string): string => {
    let out = names.get(value);
    if (out === undefined) {
      out = `name-${names.size + 1}`;
      names.set(value, out);
      known = undefined;
    }
    return out;
  };
  const ipPlaceholder = (value: string): string => {
    let out = ips.get(value);
    if (out === undefined) {
      const n = ips.size;
      // The documentation ranges (RFC 5737, RFC 3849): never someone's real address.
      const v4 = ["192.0.2", "198.51.100", "203.0.113"];
      out = value.includes(":")
        ? `2001:db8::${hex(n + 1, 1)}`
        : n < 762
          ? `${v4[Math.floor(n / 254)]}.${(n % 254) + 1}`
          : `ip-${n + 1}`;
      ips.set(value, out);
      known = undefined;
    }
    return out;
  };
  if (options.projectId) idPlaceholder(options.projectId);

  const pairs = (): [string, string][] => {
    if (known) return known;
    known = [
      ...secrets.map((s): [string, string] => [s, SECRET_PLACEHOLDER]),
      ...ids,
      ...(keepNames ? [] : [...names].filter(([name]) => name.length >= 4)),
      ...ips,
    ].sort((a, b) => b[0].length - a[0].length);
    return known;
  };

  const isPlaceholder = (value: string) => /^0{20}[0-9a-f]{12}(in\d{2})?$/.test(value);
  const text = (value: string): string => {
    let out = value;
    for (const [original, placeholder] of pairs()) {
      if (out.includes(original)) out = out.split(original).join(placeholder);
    }
    return out
      .replace(UUID, (m) => (m.startsWith("00000000-0000-4000-8000-") ? m : idPlaceholder(m)))
      .replace(HEX32, (m) => (isPlaceholder(m) ? m : idPlaceholder(m)));
  };

  const field = (key: string | undefined, value: string): string => {
    if (key !== undefined) {
      if (SECRET_KEY.test(key)) return value === "" ? value : SECRET_PLACEHOLDER;
      if (ID_KEY.test(key) && value !== "") return idPlaceholder(value);
      if (IP_KEY.test(key) && value !== "") return ipPlaceholder(value);
      if (NAME_KEYS.has(key) && value !== "" && !keepNames) return namePlaceholder(value);
    }
    return text(value);
  };

  // Two passes: first every keyed id and name (so free text anywhere can be matched against all of
  // them), then the copy.
  const collect = (value: unknown, key?: string): void => {
    if (typeof value === "string") {
      if (key !== undefined && !SECRET_KEY.test(key)) {
        if (ID_KEY.test(key) && value !== "") idPlaceholder(value);
        else if (IP_KEY.test(key) && value !== "") ipPlaceholder(value);
        else if (NAME_KEYS.has(key) && value !== "" && !keepNames) namePlaceholder(value);
      }
    } else if (Array.isArray(value)) {
      for (const item of value) collect(item, key);
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) collect(v, k);
    }
  };
  const copy = (value: unknown, key?: string): unknown => {
    if (typeof value === "string") return field(key, value);
    if (Array.isArray(value)) return value.map((item) => copy(item, key));
    if (value !== null && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v, k)]));
    return value;
  };

  return {
    redact<T>(value: T): T {
      collect(value);
      return copy(value) as T;
    },
    text,
    counts: () => ({ ids: ids.size, names: names.size, ips: ips.size, secrets: secrets.length }),
  };
}
