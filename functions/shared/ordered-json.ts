/** Entries of a count map, largest first, key as tie-break. */
export function rankEntries(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * Serialises an object, writing its count maps under `rankedKeys` largest first. A plain object puts
 * integer-like keys ("14", "32") before the others whatever the insertion order, which would scramble
 * a ranking of states, so those maps are written by hand.
 */
export function jsonWithRankedKeys(value: object, rankedKeys: readonly string[]): string {
  const members = Object.entries(value).map(([key, inner]) => {
    const text = rankedKeys.includes(key)
      ? `{${rankEntries(inner as Record<string, number>)
          .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
          .join(',')}}`
      : JSON.stringify(inner);
    return `${JSON.stringify(key)}:${text}`;
  });
  return `{${members.join(',')}}`;
}
