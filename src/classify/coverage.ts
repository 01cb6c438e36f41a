import { shardIndexOf } from '../shared/shard-slice.js'
import { ALL_REGIONS, type AccountCoverage, type ScanFailure, type Shard } from '../types.js'

/** What the coverage proof needs of one merged report. */
export interface CoverageReport {
  name: string
  generatedAt: Date
  shard: Shard | null
  coverage?: AccountCoverage | undefined
  stopped?: string | undefined
}

/**
 * The merge's proof that the organization was read, from the reports alone: every shard 1..N is there once,
 * and every account any shard discovered was audited by exactly the shard its id maps to. Each gap is a
 * failure naming the account (or the shard) and, from the reports' times, why it was not audited.
 */
export function proveCoverage(reports: readonly CoverageReport[], names: Readonly<Record<string, string>>): ScanFailure[] {
  const organization = reports.filter((report) => report.coverage || report.stopped)
  if (organization.length === 0) return []
  const count = organization.find((report) => report.shard)?.shard?.count ?? 1
  const byIndex = new Map(organization.map((report) => [report.shard?.index ?? 1, report]))
  const label = (index: number) => `shard ${index}/${count}`
  const failures: ScanFailure[] = []
  for (let index = 1; index <= count; index += 1) {
    if (!byIndex.has(index)) {
      failures.push(
        place(
          undefined,
          `No report of ${label(index)} was merged, so its accounts were not audited: check that every shard job ran and uploaded its report.`,
          'ReportMissing'
        )
      )
    }
  }
  const sawIt = new Map<string, CoverageReport[]>()
  const auditedBy = new Map<string, CoverageReport[]>()
  for (const report of organization) {
    for (const id of report.coverage?.discovered ?? []) sawIt.set(id, [...(sawIt.get(id) ?? []), report])
    for (const id of report.coverage?.audited ?? []) auditedBy.set(id, [...(auditedBy.get(id) ?? []), report])
  }
  const accounts = [...new Set([...sawIt.keys(), ...auditedBy.keys()])].sort()
  for (const account of accounts) {
    const who = names[account] ? `${account} (${names[account]})` : account
    const index = count === 1 ? 1 : shardIndexOf(account, count)
    const owner = byIndex.get(index)
    const auditors = auditedBy.get(account) ?? []
    const strays = auditors.filter((report) => report !== owner)
    if (strays.length > 0) {
      failures.push(
        place(
          account,
          `${who} was audited by ${strays.map((report) => `${label(report.shard?.index ?? 1)} (${report.name})`).join(', ')}, but its id belongs to ${label(index)}: the reports do not slice the organization the way this version of the action does.`,
          'AccountNotCovered'
        )
      )
    }
    if (owner && auditors.includes(owner)) continue
    failures.push(
      place(
        account,
        `${who} was not audited: ${whyNot(account, owner, sawIt.get(account) ?? [], label(index))}`,
        'AccountNotCovered'
      )
    )
  }
  return failures
}

/** Why the shard an account belongs to did not audit it, in the words the reports' times allow. */
function whyNot(account: string, owner: CoverageReport | undefined, saw: readonly CoverageReport[], shard: string): string {
  if (!owner) return `no report of ${shard}, the shard its id belongs to, was merged.`
  if (owner.stopped) return `${shard}, the shard its id belongs to, stopped before it could (${owner.name}).`
  const ran = owner.generatedAt.getTime()
  const at = (report: CoverageReport) => report.generatedAt.toISOString()
  const others = saw.filter((report) => report !== owner).sort((a, b) => a.generatedAt.getTime() - b.generatedAt.getTime())
  if (owner.coverage?.discovered.includes(account)) {
    return `${shard} discovered it but did not audit it (${owner.name}).`
  }
  if (others.length > 0 && others.every((report) => report.generatedAt.getTime() > ran)) {
    return `it appeared after ${shard} ran (${shard} listed the organization at ${owner.generatedAt.toISOString()}; it was first seen at ${at(others[0] as CoverageReport)}).`
  }
  if (others.length > 0 && others.some((report) => report.generatedAt.getTime() < ran)) {
    return `it was no longer ACTIVE (or no longer asked for) when ${shard} ran at ${owner.generatedAt.toISOString()} (seen ACTIVE at ${at(others[0] as CoverageReport)}).`
  }
  return `${shard} did not list it when it ran at ${owner.generatedAt.toISOString()}.`
}

function place(account: string | undefined, message: string, code: string): ScanFailure {
  return { account, region: ALL_REGIONS, message, code }
}
