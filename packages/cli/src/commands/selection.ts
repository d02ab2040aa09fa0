// Which instances a command is about, from --ids, --ids-file, --name or --all (and --tag), and which service.
import { normalizeTags, tagsUnsupported, type InstanceSelector } from "@dbupgrade/client";
import { usageError } from "../errors.js";
import { parseIdList, readIdsFile } from "../ids.js";
import type { Io } from "../io.js";
import { SERVICES, type ServiceName } from "../service-names.js";
import { absolutePath } from "./context.js";

export interface SelectionFlags {
  service?: string;
  ids?: string;
  idsFile?: string;
  all?: boolean;
  name?: string;
  /** `key=value`, repeatable: every tag must match (ANDed with the rest). */
  tag?: string[];
}

export function serviceOf(flags: SelectionFlags): ServiceName {
  if (flags.service === undefined) throw usageError(`--service is required (${SERVICES.join(", ")})`);
  return flags.service as ServiceName;
}

export function selectorOf(io: Io, flags: SelectionFlags, readStdin?: () => string): InstanceSelector {
  const tags = tagsOf(flags);
  if (tags === undefined) return baseSelector(io, flags, readStdin);
  const alone = flags.ids === undefined && flags.idsFile === undefined && flags.name === undefined && !flags.all;
  return { ...(alone ? {} : baseSelector(io, flags, readStdin)), tags };
}

/** --tag k=v (repeatable) as the selector's tags; a usage error where the service's list has no tags. */
function tagsOf(flags: SelectionFlags): Record<string, string> | undefined {
  if (flags.tag === undefined || flags.tag.length === 0) return undefined;
  const unsupported = tagsUnsupported(serviceOf(flags));
  if (unsupported !== undefined) throw usageError(`--tag: ${unsupported}`);
  const tags: Record<string, string> = {};
  for (const pair of flags.tag) {
    const at = pair.indexOf("=");
    if (at < 1) throw usageError(`--tag ${pair}: expected key=value`);
    const key = pair.slice(0, at);
    if (Object.hasOwn(tags, key)) throw usageError(`--tag ${key} is given twice; an instance has one value per key`);
    tags[key] = pair.slice(at + 1);
  }
  try {
    return normalizeTags(tags);
  } catch (error) {
    throw usageError(`--tag: ${(error as Error).message}`);
  }
}

function baseSelector(io: Io, flags: SelectionFlags, readStdin?: () => string): InstanceSelector {
  if (flags.ids !== undefined) {
    const ids = parseIdList(flags.ids, "--ids");
    if (ids.length === 0) throw usageError("--ids lists no instance ids");
    return { ids };
  }
  if (flags.idsFile !== undefined)
    return { ids: readIdsFile(flags.idsFile === "-" ? "-" : absolutePath(io, flags.idsFile), readStdin) };
  if (flags.name !== undefined) {
    if (flags.name.trim() === "") throw usageError("--name must not be empty");
    return { name: flags.name };
  }
  if (flags.all) return {};
  throw usageError("say which instances: --ids a,b, --ids-file FILE, --name 'pattern', --tag key=value or --all");
}
