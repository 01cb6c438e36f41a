/** How the demo shows its results: an aligned terminal table (coloured on a TTY) and an HTML page. */
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { timeFromNow } from '../src/classify/expiry.js'

export interface Palette {
  red(text: string): string
  yellow(text: string): string
  green(text: string): string
  dim(text: string): string
  bold(text: string): string
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`
export const COLOURS: Palette = { red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), dim: sgr(2, 22), bold: sgr(1, 22) }
export const PLAIN: Palette = { red: (t) => t, yellow: (t) => t, green: (t) => t, dim: (t) => t, bold: (t) => t }

/** Colours only on a terminal, and never when NO_COLOR is set. */
export function paletteFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Palette {
  return stream.isTTY && !env.NO_COLOR ? COLOURS : PLAIN
}

/** Columns padded to their widest cell (by characters shown, not by escape codes). */
export function alignedTable(header: string[], rows: string[][], palette: Palette): string {
  // eslint-disable-next-line no-control-regex
  const width = (text: string) => [...text.replace(/\u001b\[\d+m/gu, '')].length
  const widths = header.map((title, column) => Math.max(width(title), ...rows.map((row) => width(row[column] ?? ''))))
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - width(cell)))
      .join('  ')
      .trimEnd()
  return [palette.bold(line(header)), palette.dim(widths.map((w) => '─'.repeat(w)).join('  ')), ...rows.map(line)].join('\n')
}

interface DemoFinding {
  state: string
  daysLeft: number
  notAfter: string
  domain: string
  account: string
  region: string
  type: string
  action: string
  critical?: boolean
  inUseBy?: Array<{ name: string }> | null
}

/** "2: shop-web, E2SHOP", "none", or "?" when InUseBy was not read. */
function usedBy(finding: DemoFinding): string {
  if (!finding.inUseBy) return '?'
  if (finding.inUseBy.length === 0) return 'none'
  const names = finding.inUseBy.slice(0, 2).map((resource) => resource.name)
  return `${finding.inUseBy.length}: ${names.join(', ')}${finding.inUseBy.length > 2 ? ', …' : ''}`
}

export function findingsTable(findings: readonly DemoFinding[], palette: Palette, now = new Date()): string {
  const multiAccount = new Set(findings.map((finding) => finding.account)).size > 1
  const header = ['Status', 'Days', 'Domain', ...(multiAccount ? ['Account'] : []), 'Region', 'Type', 'Used by', 'Action']
  const rows = findings.map((finding) => [
    finding.state === 'expired'
      ? palette.red('expired')
      : finding.critical
        ? palette.red('critical')
        : palette.yellow('expiring'),
    // daysLeft rounds down, so an expired certificate's days since expiry are said in words.
    finding.state === 'expired' ? timeFromNow(new Date(finding.notAfter), now) : String(finding.daysLeft),
    finding.domain,
    ...(multiAccount ? [finding.account] : []),
    finding.region,
    finding.type,
    usedBy(finding),
    finding.action
  ])
  return alignedTable(header, rows, palette)
}

/** Turns the runner's workflow commands in the action's log into what the Actions log shows. */
export function readableLog(stdout: string, palette: Palette): string {
  const decode = (text: string) =>
    text.replace(/%0A/gu, '\n').replace(/%0D/gu, '\r').replace(/%3A/gu, ':').replace(/%2C/gu, ',').replace(/%25/gu, '%')
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::debug::') && !line.startsWith('::add-mask::') && !line.startsWith('::endgroup::'))
    .map((line) => {
      const command = /^::(group|warning|error|notice)(?: ([^:]*))?::(.*)$/u.exec(line)
      if (!command) return palette.dim(`  ${line}`)
      const [, kind, , message] = command as unknown as [string, string, string | undefined, string]
      if (kind === 'group') return `▸ ${decode(message)}`
      const colour = kind === 'error' ? palette.red : kind === 'warning' ? palette.yellow : palette.dim
      return colour(`${kind}: ${decode(message)}`)
    })
    .join('\n')
}

/** The job summary as a standalone page, rendered as GitHub-flavoured markdown. */
export function summaryPage(markdown: string): string {
  const body = micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ACM certificate expiry audit — job summary</title>
<style>
  body { font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; max-width: 1280px; margin: 2rem auto; padding: 0 1rem; }
  table { border-collapse: collapse; margin: 1rem 0; display: block; overflow: auto; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
  tr:nth-child(2n) { background: #f6f8fa; }
  code { background: #eff1f3; border-radius: 6px; padding: .2em .4em; font-size: 85%; }
  pre { background: #f6f8fa; border-radius: 6px; padding: 16px; overflow: auto; }
  pre code { background: none; padding: 0; }
  blockquote { border-left: .25em solid #d1d9e0; color: #59636e; margin: 0; padding: 0 1em; }
  a { color: #0969da; }
</style>
</head>
<body>
${body}
</body>
</html>
`
}
