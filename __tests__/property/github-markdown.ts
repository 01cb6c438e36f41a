/**
 * Markdown rendered the way GitHub renders it, for checks on what a reader sees. micromark (GFM) renders
 * everything but the table cells: GitHub (cmark-gfm) splits a table row on every `|` that is not directly
 * preceded by a backslash (its cell scanner takes the longest match of (escaped_char | [^|])+, so a
 * backslash right before a pipe always absorbs it) and then turns `\|` into `|` before parsing the cell.
 * micromark splits `\\|` differently, so tables are split here by GitHub's rule and each cell is rendered
 * on its own as inline markdown. Raw HTML is let through (allowDangerousHtml), so any leak shows.
 */
import { randomBytes } from 'node:crypto'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

const renderOptions = { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] }

/** Only inline constructs, as inside a table cell (inline raw HTML stays enabled). */
const inlineOnly = {
  ...renderOptions,
  extensions: [
    gfm(),
    {
      disable: {
        null: [
          'blockQuote',
          'codeFenced',
          'codeIndented',
          'definition',
          'headingAtx',
          'htmlFlow',
          'list',
          'setextUnderline',
          'thematicBreak'
        ]
      }
    }
  ]
}

/** The cells of a table row as GitHub splits them (the leading and trailing pipes dropped), untrimmed. */
export function tableCells(line: string): string[] {
  const inner = line.replace(/^\s*\|/u, '').replace(/(?<!\\)\|\s*$/u, '')
  return inner.split(/(?<!\\)\|/u)
}

const DELIMITER_ROW = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/u

/** Every table in the markdown, as its lines: a row starting with a pipe, a delimiter row, then rows. */
export function tables(markdown: string): string[][] {
  const lines = markdown.split('\n')
  const found: string[][] = []
  for (let i = 0; i < lines.length; i += 1) {
    if (!(lines[i] ?? '').startsWith('|') || !DELIMITER_ROW.test(lines[i + 1] ?? '')) continue
    const table: string[] = []
    while (i < lines.length && (lines[i] ?? '').startsWith('|')) table.push(lines[i++] as string)
    found.push(table)
  }
  return found
}

function renderCell(cell: string, tag: 'th' | 'td'): string {
  const inline = micromark(cell.trim().replace(/\\\|/gu, '|'), inlineOnly)
    .replace(/^<p>/u, '')
    .replace(/<\/p>\n?$/u, '')
  return `<${tag}>${inline}</${tag}>`
}

function renderTable(lines: readonly string[]): string {
  const [header = '', , ...rows] = lines
  const head = `<thead><tr>${tableCells(header)
    .map((cell) => renderCell(cell, 'th'))
    .join('')}</tr></thead>`
  const body = rows
    .map(
      (row) =>
        `<tr>${tableCells(row)
          .map((cell) => renderCell(cell, 'td'))
          .join('')}</tr>`
    )
    .join('')
  return `<table>${head}<tbody>${body}</tbody></table>`
}

/** HTML as GitHub would render the markdown (see the file comment for how tables are handled). */
export function renderLikeGitHub(markdown: string): string {
  const nonce = `tableplaceholder${randomBytes(8).toString('hex')}`
  const lines = markdown.split('\n')
  const rendered: string[] = []
  const out: string[] = []
  for (let i = 0; i < lines.length;) {
    if ((lines[i] ?? '').startsWith('|') && DELIMITER_ROW.test(lines[i + 1] ?? '')) {
      const table: string[] = []
      while (i < lines.length && (lines[i] ?? '').startsWith('|')) table.push(lines[i++] as string)
      out.push(`${nonce}x${rendered.length}`)
      rendered.push(renderTable(table))
      continue
    }
    out.push(lines[i++] as string)
  }
  let replaced = 0
  const html = micromark(out.join('\n'), renderOptions).replace(
    new RegExp(`<p>${nonce}x(\\d+)</p>`, 'gu'),
    (_, index: string) => {
      replaced += 1
      return rendered[Number(index)] ?? ''
    }
  )
  if (replaced !== rendered.length)
    throw new Error(`A table was not a block of its own (${replaced} of ${rendered.length} placed).`)
  return html
}

/** Every element name in the HTML, in order (one entry per opening tag). */
export function elementNames(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/gu)].map((match) => (match[1] ?? '').toLowerCase())
}

/** Every href of every link. */
export function linkTargets(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*href="([^"]*)"/gu)].map((match) => decode(match[1] ?? ''))
}

/** Every src of every element that loads something (images, frames, scripts). */
export function sourceTargets(html: string): string[] {
  return [...html.matchAll(/\ssrc="([^"]*)"/gu)].map((match) => decode(match[1] ?? ''))
}

/** The text a reader sees outside code: code, pre and tags removed, entities decoded. */
export function proseText(html: string): string {
  return decode(html.replace(/<(code|pre)>[\s\S]*?<\/\1>/gu, ' ').replace(/<[^>]+>/gu, ' '))
}

/** All visible text, code included. */
export function visibleText(html: string): string {
  return decode(html.replace(/<[^>]+>/gu, ''))
}

/** A working @-mention: an @ directly followed by a user or organisation name, as GitHub links them. */
export const MENTION = /(?:^|[^\w`])@[A-Za-z0-9]/u

export function decode(text: string): string {
  return text
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#x([0-9a-f]+);/giu, (match, hex: string) => codePoint(match, Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/gu, (match, digits: string) => codePoint(match, Number(digits)))
    .replace(/&amp;/gu, '&')
}

function codePoint(match: string, value: number): string {
  return value <= 0x10ffff ? String.fromCodePoint(value) : match
}
