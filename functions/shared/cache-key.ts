/** A versioned read's name in the edge cache and its ETag, made only by `cacheName`. */
export interface CacheName {
  readonly key: string;
  readonly etag: string;
  readonly __brand: 'CacheName';
}

/**
 * The one way a cached read is named: its kind, its data version, and the VALIDATED inputs (the zod-parsed
 * query and path parameters), keys sorted so that the order of the request's parameters never matters.
 * Whatever the schema did not accept (`ref`, `utm_*`, unknown names) never reaches here, so a request that adds
 * them is the same entry as one that does not: it can neither split the cache nor leave its values in it.
 */
export function cacheName(kind: string, version: string, inputs: Readonly<Record<string, unknown>>): CacheName {
  const parts = Object.keys(inputs)
    .sort()
    .filter((name) => inputs[name] !== undefined && inputs[name] !== null && inputs[name] !== '')
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(String(inputs[name]))}`)
    .join('&');
  const variant = parts || 'all';
  return { key: `${kind}/${version}/${variant}`, etag: `"${kind}.${version}.${variant}"` } as CacheName;
}
