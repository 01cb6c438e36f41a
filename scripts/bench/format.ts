import { markdownTable } from 'markdown-table'
import { ACM_OPERATIONS } from './scenarios.js'
import { sum } from './stats.js'
import type { CallCounts, RunMeasure } from './types.js'

export const secs = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s` : 'n/a')
export const msText = (ms: number): string => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : 'n/a')
export const mib = (kb: number | undefined): string =>
  kb === undefined || !Number.isFinite(kb) ? 'n/a' : `${(kb / 1024).toFixed(1)} MiB`
export const thousands = (n: number): string => n.toLocaleString('en-US')
export const ratioText = (ratio: number): string => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a')
export const passMiss = (ok: boolean): string => (ok ? 'PASS' : 'MISS')
/** "0.40 s (0.35 s–0.46 s)": the median and the range. */
export const wallText = (median: number, min: number, max: number): string => `${secs(median)} (${secs(min)}–${secs(max)})`

const SHORT: Readonly<Record<string, string>> = {
  ListCertificates: 'List',
  DescribeCertificate: 'Describe',
  ListTagsForCertificate: 'Tags'
}

/** "List 80 · Describe 400 · Tags 0". */
export function callsText(calls: CallCounts): string {
  return ACM_OPERATIONS.map((operation) => `${SHORT[operation]} ${thousands(calls[operation] ?? 0)}`).join(' · ')
}

/** The requests other than ACM's (STS, OIDC): "GetCallerIdentity 1", or "–". */
export function otherCallsText(calls: CallCounts): string {
  const other = Object.entries(calls).filter(([operation]) => !(ACM_OPERATIONS as readonly string[]).includes(operation))
  return other.length === 0 ? '–' : other.map(([operation, n]) => `${operation} ${n}`).join(' · ')
}

/** The emulator's time per request over the runs, mean / max in ms, for ListCertificates and DescribeCertificate. */
export function serverText(runs: readonly RunMeasure[]): string {
  const parts: string[] = []
  for (const operation of ['ListCertificates', 'DescribeCertificate'] as const) {
    const values = runs.flatMap((run) => run.serverMs[operation] ?? [])
    if (values.length === 0) continue
    parts.push(`${SHORT[operation]} ${(sum(values) / values.length).toFixed(2)} / ${Math.max(...values).toFixed(1)}`)
  }
  return parts.join(' · ') || '–'
}

/** ", PROBLEMS: a; b" for a progress line, or nothing. */
export const problemsSuffix = (problems: readonly string[], limit = problems.length): string =>
  problems.length > 0 ? `, PROBLEMS: ${problems.slice(0, limit).join('; ')}` : ''

/**
 * A GitHub table with `|` escaped in the cells, delimiter cells `:-` / `-:`, cells not padded to a width,
 * and an empty cell written as two spaces between its pipes (markdown-table writes one).
 */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align: readonly ('l' | 'r')[]): string {
  const escape = (cell: string) => cell.replace(/\|/gu, '\\|')
  return markdownTable(
    [header, ...rows].map((row) => row.map(escape)),
    { align: [...align], alignDelimiters: false }
  ).replace(/(?<=(?<!\\)\|) (?=\|)/gu, '  ')
}
