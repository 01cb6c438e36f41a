import { placeKey } from '../shared/aws-names.js'
import { messageOf } from '../shared/format.js'
import { proveCoverage } from './coverage.js'
import { type ParsedReport, parseReport } from './report-parse.js'
import { ALL_REGIONS, type AuditResult, type ReportContext, type ScanFailure } from '../types.js'

/** A report file as the merge found it: its text, or why it could not be read. */
export interface ReportSource {
  name: string
  text?: string
  error?: string
}

export interface MergeOptions {
  /** The merge's own workflow run (GITHUB_RUN_ID): reports of any other run are refused. */
  runId?: string | undefined
}

/** The region of a failure that concerns a whole merge (a missing or refused report). */
const MERGE_PLACE = ALL_REGIONS

/**
 * Merges report files into the result one run over all their accounts would give, and proves from the
 * reports that the organization was covered. A report that is missing, unreadable, malformed, of an unknown
 * format version, made with other settings, in another workflow run, a repeated shard or a repeated place
 * is not merged: it becomes a failure, so the merged audit is incomplete and says why. So does a shard that
 * stopped, and every account that no report audited where its id says it belongs.
 */
export function mergeReports(
  sources: readonly ReportSource[],
  expected: number | undefined,
  now: Date,
  options: MergeOptions = {}
): AuditResult {
  const refused: Array<{ name: string; failure: ScanFailure }> = []
  const refuse = (name: string, why: string, code: string) =>
    refused.push({
      name,
      failure: { account: undefined, region: MERGE_PLACE, message: `Report ${name} was not merged: ${why}`, code }
    })
  const parsed: ParsedReport[] = []
  for (const source of [...sources].sort((a, b) => a.name.localeCompare(b.name))) {
    if (source.text === undefined) {
      refuse(source.name, `it could not be read (${source.error ?? 'unknown error'}).`, 'ReportUnreadable')
      continue
    }
    try {
      const report = parseReport(source.name, source.text)
      const run = report.context.run
      if (options.runId !== undefined && run?.id !== options.runId) {
        refuse(
          source.name,
          `it was made ${run ? `by workflow run ${run.id}` : 'outside a workflow run'}, not by this run (${options.runId}): a merge takes only the reports of its own run, so that an old report can never stand in for today's.`,
          'ReportStale'
        )
        continue
      }
      parsed.push(report)
    } catch (error) {
      refuse(source.name, messageOf(error), 'ReportIncompatible')
    }
  }
  const merged: ParsedReport[] = []
  const shards = new Map<number, ParsedReport>()
  const places = new Map<string, string>()
  // The latest attempt of each shard first, so that a re-run job's report replaces the failed attempt's.
  const attempt = (report: ParsedReport) => report.context.run?.attempt ?? 0
  for (const report of [...parsed].sort((a, b) => attempt(b) - attempt(a))) {
    // A report that stopped before reading its inputs holds no settings to compare.
    const reference = merged.find((other) => other.context.actionVersion !== '')
    const difference =
      reference && report.context.actionVersion !== '' ? settingsDifference(reference.context, report.context) : undefined
    if (reference && difference) {
      refuse(
        report.name,
        `it was made with other settings than ${reference.name} (${difference}). Give every shard the same inputs.`,
        'ReportIncompatible'
      )
      continue
    }
    const shard = report.context.scope.shard
    if (shard) {
      const twin = shards.get(shard.index)
      if (twin && attempt(twin) > attempt(report)) continue
      if (twin) {
        refuse(report.name, `it is shard ${shard.index}/${shard.count} again (also ${twin.name}).`, 'ReportDuplicate')
        continue
      }
    }
    const repeated = report.regions.find((scan) => places.has(placeKey(scan.account, scan.region)))
    if (repeated) {
      refuse(
        report.name,
        `it read ${repeated.region}${repeated.account ? ` of account ${repeated.account}` : ''} again (also ${places.get(placeKey(repeated.account, repeated.region))}): every place is counted once.`,
        'ReportDuplicate'
      )
      continue
    }
    for (const scan of report.regions) places.set(placeKey(scan.account, scan.region), report.name)
    if (shard) shards.set(shard.index, report)
    merged.push(report)
  }
  merged.sort((a, b) => a.name.localeCompare(b.name))
  const failures = refused.sort((a, b) => a.name.localeCompare(b.name)).map((entry) => entry.failure)
  for (const report of merged) {
    const shard = report.context.scope.shard
    if (report.context.stopped !== undefined) {
      failures.push({
        account: undefined,
        region: MERGE_PLACE,
        message: `${shard ? `Shard ${shard.index}/${shard.count}` : 'A run'} (report ${report.name}) stopped before it could audit: ${report.context.stopped}`,
        code: 'ReportStopped'
      })
    }
  }
  const first = merged.find((report) => report.context.actionVersion !== '') ?? merged[0]
  const accountNames = Object.assign({}, ...merged.map((report) => report.accountNames)) as Record<string, string>
  failures.push(
    ...proveCoverage(
      merged.map((report) => ({
        name: report.name,
        generatedAt: report.generatedAt,
        shard: report.context.scope.shard,
        coverage: report.context.coverage,
        stopped: report.context.stopped
      })),
      accountNames
    )
  )
  if (expected !== undefined && merged.length !== expected) {
    const count = first?.context.scope.shard?.count
    const missing =
      count !== undefined && merged.length < expected
        ? Array.from({ length: count }, (_, i) => i + 1).filter((index) => !shards.has(index))
        : []
    failures.push({
      account: undefined,
      region: MERGE_PLACE,
      message: `The merge expected ${expected} reports and merged ${merged.length}${missing.length > 0 ? `: missing ${missing.map((index) => `shard ${index}/${count}`).join(', ')}` : ''}. Accounts of a missing report were not audited; check that every shard job uploaded its report.`,
      code: 'ReportMissing'
    })
  } else if (!first) {
    failures.push({
      account: undefined,
      region: MERGE_PLACE,
      message: 'No report file was found to merge: check the merge-reports path and that the shard jobs uploaded their reports.',
      code: 'ReportMissing'
    })
  }
  const context: ReportContext | undefined = first
    ? {
        actionVersion: first.context.actionVersion,
        settings: first.context.settings,
        scope: { ...first.context.scope, shard: null },
        merged: { reports: merged.length, expected: expected ?? null },
        run: first.context.run ?? null
      }
    : undefined
  // In the order one run over every account gives: accounts sorted, each account's regions in the order asked.
  const asked = first?.context.scope.regions
  const regionRank = (region: string) => (Array.isArray(asked) && asked.includes(region) ? asked.indexOf(region) : 0)
  const byAccount = (a: { account: string | undefined }, b: { account: string | undefined }) =>
    (a.account ?? '').localeCompare(b.account ?? '')
  const regions = merged
    .flatMap((report) => report.regions)
    .sort((a, b) => byAccount(a, b) || regionRank(a.region) - regionRank(b.region) || a.region.localeCompare(b.region))
  if (first && regions.length === 0 && failures.length === 0 && merged.every((report) => report.setupFailures.length === 0)) {
    // Nothing read is never clear: every shard's slice was empty, or no report read a region.
    failures.push({
      account: undefined,
      region: MERGE_PLACE,
      message: `The ${merged.length === 1 ? 'report' : `${merged.length} reports`} merged read no account and region, so the merge cannot say that nothing expires: check the accounts, exclude-accounts and regions inputs.`,
      code: 'NothingRead'
    })
  }
  const earliest = merged.reduce((min, report) => Math.min(min, report.generatedAt.getTime()), now.getTime())
  return {
    now: new Date(earliest),
    days: first?.context.settings.days ?? 0,
    criticalDays: first?.context.settings.criticalDays ?? 0,
    regions,
    setupFailures: [...failures, ...once(merged.flatMap((report) => report.setupFailures)).sort(byAccount)],
    accountNames,
    ...(context ? { context } : {})
  }
}

/** Every shard says the same of an account asked for by id that the organization lacks: said once. */
function once(failures: readonly ScanFailure[]): ScanFailure[] {
  const seen = new Set<string>()
  return failures.filter((failure) => {
    const key = JSON.stringify([failure.account, failure.region, failure.code, failure.message])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The first setting that differs, in words; undefined when the reports can be merged. */
export function settingsDifference(a: ReportContext, b: ReportContext): string | undefined {
  const percent = (context: ReportContext) => context.settings.lifetimePercent ?? null
  const sameList = (x: readonly string[], y: readonly string[]) => [...x].sort().join(',') === [...y].sort().join(',')
  const checks: Array<[string, unknown, unknown, boolean]> = [
    ['days', a.settings.days, b.settings.days, a.settings.days === b.settings.days],
    ['critical-days', a.settings.criticalDays, b.settings.criticalDays, a.settings.criticalDays === b.settings.criticalDays],
    ['lifetime-percent', percent(a), percent(b), percent(a) === percent(b)],
    ['statuses', a.settings.statuses, b.settings.statuses, sameList(a.settings.statuses, b.settings.statuses)],
    ['key-types', a.settings.keyTypes, b.settings.keyTypes, sameList(a.settings.keyTypes, b.settings.keyTypes)],
    ['ignore', a.settings.ignore, b.settings.ignore, sameList(a.settings.ignore, b.settings.ignore)],
    [
      'ignore-tag',
      a.settings.ignoreTag,
      b.settings.ignoreTag,
      JSON.stringify(a.settings.ignoreTag) === JSON.stringify(b.settings.ignoreTag)
    ],
    ['regions', a.scope.regions, b.scope.regions, JSON.stringify(a.scope.regions) === JSON.stringify(b.scope.regions)],
    [
      'organization',
      a.scope.organization,
      b.scope.organization,
      JSON.stringify(a.scope.organization) === JSON.stringify(b.scope.organization)
    ],
    ['shard count', a.scope.shard?.count, b.scope.shard?.count, a.scope.shard?.count === b.scope.shard?.count]
  ]
  const differing = checks.find(([, , , same]) => !same)
  return differing ? `${differing[0]} ${JSON.stringify(differing[1])} against ${JSON.stringify(differing[2])}` : undefined
}
