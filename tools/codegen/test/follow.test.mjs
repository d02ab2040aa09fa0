// @ts-check
// x-dbupgrade-follow is checked at generation: a declaration that contradicts itself or names a field or
// query parameter the operation does not have fails with the operation's name, instead of reaching the client.
import { describe, expect, it } from "vitest";
import { bundleApi, loadApis, operationMeta } from "../src/generate.mjs";

const api = (await loadApis()).find((a) => a.name === "taurusdb");
const pristine = await bundleApi(api);

/** The bundled TaurusDB document with listImmediateJobs' declaration changed by `edit`. */
function withFollow(edit) {
  const doc = structuredClone(pristine);
  const op = Object.values(doc.paths)
    .flatMap((item) => Object.values(item))
    .find((o) => o?.operationId === "listImmediateJobs");
  edit(op["x-dbupgrade-follow"]);
  return doc;
}

describe("x-dbupgrade-follow", () => {
  it("is generated into the operation's metadata", () => {
    const follow = operationMeta(pristine).operations.listImmediateJobs.follow;
    expect(follow).toMatchObject({
      follows: "batchUpgradeDatabases",
      when: { delay: false },
      status: { field: "status", completed: ["Completed"], failed: ["Failed", "Unauthorized"] },
      match: { by: "instance-and-time", instanceField: "instance_id", createdField: "created_time" },
    });
    expect(operationMeta(pristine).operations.batchUpgradeDatabases.follow).toBeNull();
  });

  it.each([
    ["an outcome word outside the vocabulary", (f) => f.status.completed.push("Done"), /Done, which is not one of/],
    ["a word under two outcomes", (f) => f.status.failed.push("Completed"), /two outcomes/],
    ["a row field the answer lacks", (f) => (f.match.instanceField = "instance"), /row field instance/],
    ["a query parameter the operation lacks", (f) => (f.filter = { name: "x" }), /query parameter name/],
    ["a batch operation that does not exist", (f) => (f.follows = "listJobs"), /not a batch/],
    ["an unknown match kind", (f) => (f.match.by = "guess"), /match.by/],
  ])("refuses %s", (_, edit, message) => {
    expect(() => operationMeta(withFollow(edit))).toThrow(message);
  });
});
