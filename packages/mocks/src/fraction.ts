// Which instances a `fraction` of a scenario hits: a hash of the fleet's seed and the instance id,
// so the same seed picks the same instances on every run, and about `fraction` of any large fleet.

/** FNV-1a (32 bit) of the text, as a number in [0, 1). */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 0x1_0000_0000;
}

export function inFraction(seed: number | string, instanceId: string, fraction: number): boolean {
  return unitHash(`${seed}:${instanceId}`) < fraction;
}
