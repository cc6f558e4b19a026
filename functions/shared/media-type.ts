/** A Content-Type header split into its media type (lower case) and its charset, if any. */
export function mediaType(header: string | null | undefined): { type: string; charset: string | null } {
  const [type = '', ...params] = (header ?? '')
    .toLowerCase()
    .split(';')
    .map((part) => part.trim());
  const charset =
    params
      .find((p) => p.startsWith('charset='))
      ?.slice('charset='.length)
      .replaceAll('"', '') ?? null;
  return { type, charset };
}
