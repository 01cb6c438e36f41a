/** GFM table helpers for unit tests: how GitHub splits table rows into cells. */

/**
 * The cells of a GFM table row as GitHub (cmark-gfm) splits them: on every `|` not directly preceded by a
 * backslash. cmark-gfm's cell scanner takes the longest match of (escaped_char | [^|])+, so a backslash right
 * before a pipe always absorbs it, whatever comes before. (micromark differs for `\\|`, so tables holding
 * backslashes are checked with this function, not by rendering.)
 */
export function tableCells(line: string): string[] {
  const inner = line
    .trim()
    .replace(/^\|/u, '')
    .replace(/(?<!\\)\|$/u, '')
  return inner.split(/(?<!\\)\|/u).map((cell) => cell.trim())
}

/** Every table in the markdown, as its lines (consecutive lines starting with a pipe). */
export function tables(markdown: string): string[][] {
  const result: string[][] = []
  let current: string[] | undefined
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      if (!current) {
        current = []
        result.push(current)
      }
      current.push(line)
    } else {
      current = undefined
    }
  }
  return result
}
