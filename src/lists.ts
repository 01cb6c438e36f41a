/** Splits a list input on commas, whitespace and newlines, dropping empty items and duplicates. */
export function splitList(value: string): string[] {
  const items = value
    .split(/[\s,]+/u)
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
  return [...new Set(items)]
}
