/** A zod issue path as a reader writes it: `shares[0].uin`; `''` for the root. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]`
    : index === 0 ? String(segment) : `.${String(segment)}`)).join('');
}
