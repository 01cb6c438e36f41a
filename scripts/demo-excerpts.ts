/** The README's excerpts of the demo's job summary and tracking issue, cut from one demo run. */

export const EXCERPTS = {
  summary: { start: '<!-- demo-excerpt:summary -->', end: '<!-- /demo-excerpt:summary -->' },
  issue: { start: '<!-- demo-excerpt:issue -->', end: '<!-- /demo-excerpt:issue -->' }
} as const

/** The summary from its title to the end of its last table before "What to do". */
export function summaryExcerpt(summary: string): string {
  const end = summary.indexOf('\n### What to do')
  return (end === -1 ? summary : summary.slice(0, end)).trim()
}

/** The issue from its first line (after the hidden marker) to the end of the first tier after "Broken now". */
export function issueExcerpt(body: string): string {
  const lines = body.split('\n')
  const start = lines.findIndex((line) => !line.startsWith('<!--'))
  const text = lines.slice(start).join('\n')
  const end = text.indexOf('\n### ', text.indexOf('\n### ') + 1)
  return (end === -1 ? text : text.slice(0, end)).trim()
}

/** A fence longer than any run of backticks in the text; "text", which Prettier leaves as it is. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/gu) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}text\n${text}\n${fence}`
}

/** The README with each excerpt's block (between its markers) replaced. */
export function replaceExcerpts(readme: string, summary: string, issueBody: string): string {
  let text = readme
  for (const [key, excerpt] of [
    ['summary', summaryExcerpt(summary)],
    ['issue', issueExcerpt(issueBody)]
  ] as const) {
    const { start, end } = EXCERPTS[key]
    const from = text.indexOf(start)
    const to = text.indexOf(end)
    if (from === -1 || to < from) throw new Error(`README.md has no ${start} … ${end} block.`)
    text = `${text.slice(0, from + start.length)}\n\n${fenced(excerpt)}\n\n${text.slice(to)}`
  }
  return text
}

/** What the README shows between the markers, unfenced. */
export function readExcerpt(readme: string, key: keyof typeof EXCERPTS): string {
  const { start, end } = EXCERPTS[key]
  const block = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end)).trim()
  return block.replace(/^`{3,}text\n/u, '').replace(/\n`{3,}$/u, '')
}

/** Dates change from run to run (the demo's certificates expire relative to now); days and order do not. */
export function withoutDates(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}/gu, 'YYYY-MM-DD')
}
