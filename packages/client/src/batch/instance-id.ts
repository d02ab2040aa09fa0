// Instance ids are the de-duplication key of every batch; reject unusable ones before any request.
export function instanceIdKey(api: string): (instanceId: string) => string {
  return (instanceId) => {
    if (typeof instanceId !== "string" || instanceId.trim() === "") {
      throw new TypeError(`${api}: every instance id must be a non-empty string, got ${JSON.stringify(instanceId)}`);
    }
    return instanceId;
  };
}
