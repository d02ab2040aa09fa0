// Which instances a command is about, from --ids, --ids-file, --name or --all, and which service.
import type { InstanceSelector } from "@dbupgrade/client";
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
}

export function serviceOf(flags: SelectionFlags): ServiceName {
  if (flags.service === undefined) throw usageError(`--service is required (${SERVICES.join(", ")})`);
  return flags.service as ServiceName;
}

export function selectorOf(io: Io, flags: SelectionFlags, readStdin?: () => string): InstanceSelector {
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
  throw usageError("say which instances: --ids a,b, --ids-file FILE, --name 'pattern' or --all");
}
