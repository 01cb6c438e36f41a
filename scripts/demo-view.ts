/** How the demo shows its results in a terminal: an aligned table (coloured on a TTY) and a readable log. */
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
