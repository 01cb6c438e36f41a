/**
 * Markdown rendered as GitHub renders a job summary or an issue body: GFM (tables, task lists, autolinks,
 * strikethrough) with micromark, GitHub's alerts (`> [!WARNING]`), and GitHub's markdown styles
 * (github-markdown-css, the light theme) in a content column as wide as a job-summary pane.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import octicons from '@primer/octicons'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { ROOT } from '../emulator/run-action.js'

/** The width of a job summary's content on github.com at a common window size (1,280 px), in CSS pixels. */
export const PANE_WIDTH = 1012

/** Each alert's title and the octicon GitHub puts before it. */
const ALERTS: Readonly<Record<string, { title: string; icon: string }>> = {
  NOTE: { title: 'Note', icon: 'info' },
  TIP: { title: 'Tip', icon: 'light-bulb' },
  IMPORTANT: { title: 'Important', icon: 'report' },
  WARNING: { title: 'Warning', icon: 'alert' },
  CAUTION: { title: 'Caution', icon: 'stop' }
}

/**
 * GitHub's alerts: a blockquote whose first line is only `[!TYPE]` becomes
 * `<div class="markdown-alert markdown-alert-type"><p class="markdown-alert-title">Type</p>…</div>`, the rest of
 * the first paragraph a paragraph of its own. Anything else stays a blockquote (as on GitHub).
 */
export function githubAlerts(html: string): string {
  return html.replace(
    /<blockquote>\n<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\](?:<br \/>)?\n([\s\S]*?)<\/blockquote>/gu,
    (_, type: string, rest: string) => {
      const alert = ALERTS[type] ?? { title: type, icon: 'info' }
      const icon = octicons[alert.icon]?.toSVG({ class: 'mr-2' }) ?? ''
      return `<div class="markdown-alert markdown-alert-${type.toLowerCase()}"><p class="markdown-alert-title">${icon}${alert.title}</p>\n<p>${rest}</div>`
    }
  )
}

/** GitHub's task lists: the classes its styles hang on (no bullet, the checkbox in the margin). */
function taskLists(html: string): string {
  return html
    .replace(/<li><input type="checkbox" disabled="" (checked="" )?\/>/gu, (_, checked: string | undefined) => {
      return `<li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled=""${checked ? ' checked=""' : ''} />`
    })
    .replace(/<ul>\n(?=<li class="task-list-item">)/gu, '<ul class="contains-task-list">\n')
}

/**
 * Issue and comment bodies on GitHub keep every line break (a soft break shows as a new line); files and job
 * summaries do not. As markdown: two spaces at the end of each line outside fenced code (a hard break where a
 * paragraph goes on, and nothing elsewhere).
 */
export function withHardBreaks(markdown: string): string {
  let fence: string | undefined
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/u.exec(line)?.[1]
      if (marker && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) {
        fence = fence === undefined ? marker : undefined
        return line
      }
      return fence === undefined && line.trim() !== '' ? `${line}  ` : line
    })
    .join('\n')
}

export interface ViewOptions {
  /** Render as an issue body (line breaks kept), not as a job summary. */
  issue?: boolean
}

/** The HTML GitHub makes of the markdown (raw HTML kept, as GitHub keeps its allowed tags). */
export function githubHtml(text: string, options: ViewOptions = {}): string {
  const markdown = options.issue ? withHardBreaks(text) : text
  const html = micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
  return taskLists(githubAlerts(html))
}

let styles: string | undefined
function githubStyles(): string {
  styles ??= readFileSync(join(ROOT, 'node_modules', 'github-markdown-css', 'github-markdown-light.css'), 'utf8')
  return styles
}

/** A page showing the markdown as GitHub does, in a column PANE_WIDTH pixels wide. */
export function githubPage(markdown: string, title: string, options: ViewOptions = {}): string {
  const escapedTitle = title.replace(/[<&]/gu, (char) => (char === '<' ? '&lt;' : '&amp;'))
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapedTitle}</title>
<style>
${githubStyles()}
  body { margin: 0; padding: 24px; background: #ffffff; }
  .markdown-body { box-sizing: content-box; width: ${PANE_WIDTH}px; font-size: 14px; }
  .markdown-body .task-list-item { list-style-type: none; }
  .markdown-body .task-list-item-checkbox { margin: 0 .2em .25em -1.4em; vertical-align: middle; }
  .markdown-body .contains-task-list { padding-left: 2em; }
</style>
</head>
<body>
<article class="markdown-body">
${githubHtml(markdown, options)}
</article>
</body>
</html>
`
}
