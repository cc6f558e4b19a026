// RFC 8785 JSON Canonicalization Scheme: what the manifest signature is computed over. ECMAScript's own number and
// string serialisation is what the RFC specifies, so only key order and the refusal of non-JSON values are ours.

/** A JSON value as JCS accepts it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue | undefined };

/** The RFC 8785 serialisation of a JSON value (object keys sorted by UTF-16 code units; `undefined` members left out). */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`JCS cannot serialise the number ${value}.`);
    // Number::toString is RFC 8785's number format; it already writes -0 as "0".
    return String(value);
  }
  if (typeof value === 'string') {
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value))
      throw new TypeError('JCS cannot serialise a string with a lone surrogate.');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const members = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`);
  return `{${members.join(',')}}`;
}
