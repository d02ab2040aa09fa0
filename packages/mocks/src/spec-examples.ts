// Named examples of the specs, read from the bundled documents: the mock's fixed texts (error
// codes and messages, seed-page instances, first job ids) come from here rather than being retyped.
import { apiDocuments, type ApiName } from "@dbupgrade/specs";
import { findOperation } from "@dbupgrade/specs/validation";

type Node = Record<string, any>;

function resolve(api: ApiName, node: Node | undefined): Node | undefined {
  let current = node;
  for (let depth = 0; current && typeof current.$ref === "string" && depth < 20; depth++) {
    const pointer: string = current.$ref;
    if (!pointer.startsWith("#/")) throw new Error(`external $ref ${pointer} in the bundled ${api} document`);
    current = pointer
      .slice(2)
      .split("/")
      .reduce<any>((o, key) => o?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], apiDocuments[api]);
  }
  return current;
}

export interface SpecExample {
  name: string;
  /** The documented response key the example belongs to: a status code or `default`. */
  status: number | "default";
  value: unknown;
}

function examplesOfMedia(api: ApiName, media: Node | undefined): [string, unknown][] {
  const examples = (media?.examples ?? {}) as Record<string, Node>;
  return Object.entries(examples).map(([name, example]) => [name, resolve(api, example)?.value]);
}

/** Every named response example of an operation, with the status it is documented under. */
export function responseExamples(api: ApiName, operationId: string): SpecExample[] {
  const { operation } = findOperation(api, operationId);
  const out: SpecExample[] = [];
  for (const [key, raw] of Object.entries<Node>(operation.responses ?? {})) {
    const response = resolve(api, raw);
    for (const media of Object.values<Node>(response?.content ?? {})) {
      for (const [name, value] of examplesOfMedia(api, media)) {
        out.push({ name, status: key === "default" ? "default" : Number(key), value });
      }
    }
  }
  return out;
}

/** Every named request-body example of an operation. */
export function requestExamples(api: ApiName, operationId: string): { name: string; value: unknown }[] {
  const { operation } = findOperation(api, operationId);
  const requestBody = resolve(api, operation.requestBody);
  return Object.values<Node>(requestBody?.content ?? {}).flatMap((media) =>
    examplesOfMedia(api, media).map(([name, value]) => ({ name, value })),
  );
}

/** One named response example; throws, naming the available ones, when the spec lacks it. */
export function responseExample(api: ApiName, operationId: string, name: string): SpecExample {
  const all = responseExamples(api, operationId);
  const found = all.find((e) => e.name === name);
  if (!found) {
    throw new Error(
      `${api}.${operationId} has no response example named "${name}" (available: ${all.map((e) => e.name).join(", ") || "none"})`,
    );
  }
  return found;
}

/** The first example documented under a status, for a fixed text the mock reuses. */
export function firstResponseExampleOf(api: ApiName, operationId: string, status: number): SpecExample {
  const found = responseExamples(api, operationId).find((e) => e.status === status);
  if (!found) throw new Error(`${api}.${operationId} documents no example for status ${status}`);
  return found;
}
