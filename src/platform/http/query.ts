/**
 * The query string as every route reads it: one value per name. Pages take their filters, search
 * and page number as single values, so a name given twice (`?q=a&q=b`, as a crafted link may)
 * keeps its first value instead of arriving as a list no filter expects. The object has no
 * prototype, so a name such as `__proto__` is just a name.
 */
export function parseQuery(search: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of new URLSearchParams(search)) if (!(k in out)) out[k] = v;
  return out;
}
