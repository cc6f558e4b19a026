/**
 * Picks the best supported language for an `Accept-Language` header (RFC 9110 q-values, primary
 * subtags: `es-MX` counts as `es`), falling back to `fallback` when nothing matches.
 */
export function negotiateLanguage<L extends string>(
  header: string | null | undefined,
  supported: readonly L[],
  fallback: L,
): L {
  if (!header) return fallback;
  let best: { lang: L; q: number; order: number } | undefined;
  header.split(',').forEach((part, order) => {
    const [range = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0 || q > 1) return;
    const primary = range.trim().toLowerCase().split('-')[0] ?? '';
    const lang = primary === '*' ? fallback : supported.find((s) => s === primary);
    if (!lang) return;
    if (!best || q > best.q || (q === best.q && order < best.order)) best = { lang, q, order };
  });
  return best?.lang ?? fallback;
}
