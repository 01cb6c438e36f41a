import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

/** Renders markdown as GitHub-flavoured HTML (tables, autolinks), with raw HTML allowed so any leak shows. */
export function renderGfm(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
}

/** The text a reader sees outside code: HTML with code, pre and tags removed, entities decoded. */
export function proseText(html: string): string {
  return decode(html.replace(/<(code|pre)>[\s\S]*?<\/\1>/gu, ' ').replace(/<[^>]+>/gu, ' '))
}

/** All visible text, code included. */
export function visibleText(html: string): string {
  return decode(html.replace(/<[^>]+>/gu, ''))
}

/** Every href of every link in the HTML. */
export function linkTargets(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*)"/gu)].map((match) => decode(match[1] ?? ''))
}

/** Every HTML element name in the rendered output. */
export function elementNames(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/gu)].map((match) => (match[1] ?? '').toLowerCase())
}

function decode(text: string): string {
  return text
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#(\d+);/gu, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/gu, '&')
}
