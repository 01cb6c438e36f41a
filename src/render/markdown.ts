/**
 * Escaping for text that comes from AWS or GitHub and goes into markdown (job summary, issue body).
 * Two shapes: identifiers go into code spans, where GitHub renders no HTML, no links and no mentions;
 * sentences go through escapeText, which makes every markdown and HTML character literal and breaks
 * @-mentions and #-references with a zero-width space.
 */

const ZERO_WIDTH_SPACE = '\u200B'
const MAX_CELL_CHARS = 500

/**
 * Control characters and line breaks become spaces, runs of white space one space; long text is cut with "…",
 * at the last space when there is one in the last fifth of what fits (never mid-word), else where it must.
 */
export function singleLine(text: string, maxChars = MAX_CELL_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/gu, ' ').trim()
  if (flat.length <= maxChars) return flat
  const cut = flat.slice(0, maxChars - 1)
  const space = cut.lastIndexOf(' ')
  return `${space >= (maxChars * 4) / 5 ? cut.slice(0, space).trimEnd() : cut}…`
}

/** Where a long name may wrap: after these characters (escaped or not), unless at the end. */
const BREAK_AFTER = /(?<=[./:_-])(?!\s|$)/gu

/**
 * A name (a domain, a resource) as literal text that a browser may wrap after a dot, slash, colon, dash or
 * underscore (with <wbr>, which copies as nothing), so that a long name cannot widen a table past the page.
 */
export function breakable(text: string): string {
  const flat = singleLine(text)
  if (flat === '') return '—'
  return escapeText(flat).replace(BREAK_AFTER, '<wbr>')
}

/** Text as an inline code span, safe inside a table cell (pipes escaped, which GFM tables undo). */
export function code(text: string, options: { inTable?: boolean } = {}): string {
  let content = singleLine(text)
  if (content === '') return '—'
  if (options.inTable) content = content.replace(/\|/gu, '\\|')
  const longestRun = Math.max(0, ...(content.match(/`+/gu) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const pad = content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ')) ? ' ' : ''
  return `${fence}${pad}${content}${pad}${fence}`
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '|': '&#124;' }

/**
 * A sentence rendered as literal text: no emphasis, code, link, image, HTML, mention, #-reference or
 * autolink. Characters that start markdown constructs are backslash-escaped; `.` only where it would
 * complete a www. autolink; a leading list or heading marker is escaped too.
 */
export function escapeText(text: string): string {
  const escaped = singleLine(text).replace(/www\.|[\\`*_[\]()<>#!~|&@:$]/giu, (char) => {
    if (char.length > 1) return `${char.slice(0, 3)}\\.`
    if (char in ENTITIES) return ENTITIES[char] as string
    if (char === '@' || char === '#') return `\\${char}${ZERO_WIDTH_SPACE}`
    return `\\${char}`
  })
  return escaped.replace(/^([-+=]|\d+(?=[.)]))/u, (marker) => (/\d/u.test(marker) ? `${marker}\\` : `\\${marker}`))
}

/** Shell lines for a code block: split on \n only, each flattened (a \r or other line break from AWS cannot start a line of its own). */
export function shellLines(text: string): string {
  return text
    .split('\n')
    .map((line) => singleLine(line, 10_000))
    .join('\n')
}

/** A fenced code block that its content cannot close early. */
export function codeBlock(content: string, language = ''): string {
  const longestRun = Math.max(0, ...(content.match(/`{3,}/gu) ?? []).map((run) => run.length))
  const fence = '`'.repeat(Math.max(3, longestRun + 1))
  return `${fence}${language}\n${content}\n${fence}`
}

/** A markdown link whose text is an escaped code span and whose URL is ours (built from validated parts). */
export function codeLink(text: string, url: string, options: { inTable?: boolean } = {}): string {
  return `[${code(text, options)}](${url})`
}

/** A URL that can stand in a markdown link target as it is: http(s), no spaces, quotes, brackets or parentheses. */
export function isSafeUrl(url: string): boolean {
  return /^https?:\/\/[^\s()<>"'`[\]\\]+$/u.test(url)
}

/** Every line of `text` with `prefix` before it (a code block under a list item). */
export function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n')
}
