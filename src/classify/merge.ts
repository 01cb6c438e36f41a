import { REPORT_FORMAT_VERSION } from '../shared/report-format.js'
import { placeKey } from '../shared/aws-names.js'
import { messageOf } from '../shared/format.js'
import {
  ALL_REGIONS,
  type AuditResult,
  type Finding,
  type IgnoredCertificate,
  type RegionScan,
  type ReportContext,
  type ScanFailure
} from '../types.js'

/** A report file as the merge found it: its text, or why it could not be read. */
export interface ReportSource {
  name: string
  text?: string
  error?: string
}

/** The region of a failure that concerns a whole merge (a missing or refused report). */
const MERGE_PLACE = ALL_REGIONS

interface ParsedReport {
  name: string
  generatedAt: Date
  context: ReportContext
  accountNames: Record<string, string>
  regions: RegionScan[]
  setupFailures: ScanFailure[]
}

/**
 * Merges report files into the result one run over all their accounts would give. A report that is missing,
 * unreadable, of an unknown format version, made with other settings or a repeated shard is not merged: it
 * becomes a failure, so the merged audit is incomplete and says why.
 */
export function mergeReports(sources: readonly ReportSource[], expected: number | undefined, now: Date): AuditResult {
  const failures: ScanFailure[] = []
  const refuse = (name: string, why: string, code: string) =>
    failures.push({ account: undefined, region: MERGE_PLACE, message: `Report ${name} was not merged: ${why}`, code })
  const merged: ParsedReport[] = []
  const shards = new Map<number, string>()
  for (const source of [...sources].sort((a, b) => a.name.localeCompare(b.name))) {
    if (source.text === undefined) {
      refuse(source.name, `it could not be read (${source.error ?? 'unknown error'}).`, 'ReportUnreadable')
      continue
    }
    let parsed: ParsedReport
    try {
      parsed = parseReport(source.name, source.text)
    } catch (error) {
      refuse(source.name, messageOf(error), 'ReportIncompatible')
      continue
    }
    const reference = merged[0]
    if (reference) {
      const difference = settingsDifference(reference.context, parsed.context)
      if (difference) {
        refuse(
          source.name,
          `it was made with other settings than ${reference.name} (${difference}). Give every shard the same inputs.`,
          'ReportIncompatible'
        )
        continue
      }
    }
    const shard = parsed.context.scope.shard
    if (shard) {
      const twin = shards.get(shard.index)
      if (twin !== undefined) {
        refuse(source.name, `it is shard ${shard.index}/${shard.count} again (also ${twin}).`, 'ReportDuplicate')
        continue
      }
      shards.set(shard.index, source.name)
    }
    merged.push(parsed)
  }
  const first = merged[0]
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
        ...first.context,
        scope: { ...first.context.scope, shard: null },
        merged: { reports: merged.length, expected: expected ?? null }
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
  const earliest = merged.reduce((min, report) => Math.min(min, report.generatedAt.getTime()), now.getTime())
  return {
    now: new Date(earliest),
    days: first?.context.settings.days ?? 0,
    regions,
    setupFailures: [...failures, ...merged.flatMap((report) => report.setupFailures).sort(byAccount)],
    accountNames: Object.assign({}, ...merged.map((report) => report.accountNames)) as Record<string, string>,
    ...(context ? { context } : {})
  }
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

type Json = Record<string, unknown>

function parseReport(name: string, text: string): ParsedReport {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new Error(`it is not JSON (${messageOf(error)}).`)
  }
  if (!isObject(document)) throw new Error('it is not a report object.')
  if (document.formatVersion !== REPORT_FORMAT_VERSION) {
    throw new Error(
      `its format version is ${JSON.stringify(document.formatVersion ?? null)}, and this version of the action reads format ${REPORT_FORMAT_VERSION}: run the shards and the merge with the same version of the action.`
    )
  }
  const settings = document.settings
  const scope = document.asked
  if (!isObject(settings) || !isObject(scope)) throw new Error('it does not record its settings and scope.')
  const action = isObject(document.action) ? document.action : {}
  const context = {
    actionVersion: String(action.version ?? ''),
    settings: settings as unknown as ReportContext['settings'],
    scope: scope as unknown as ReportContext['scope']
  }
  const list = (key: string): Json[] => {
    const value = document[key]
    if (!Array.isArray(value) || !value.every(isObject)) throw new Error(`its ${key} are not a list of objects.`)
    return value
  }
  const findings = list('findings').map((json) => toFinding(json, Number(settings.days)))
  const ignored = list('ignored').map(toIgnored)
  const failures = list('failures').map((failure): ScanFailure => ({
    account: typeof failure.account === 'string' ? failure.account : undefined,
    region: String(failure.region),
    message: String(failure.message),
    code: typeof failure.code === 'string' ? failure.code : undefined
  }))
  const regions = list('regions').map((entry): RegionScan => {
    const account = typeof entry.account === 'string' ? entry.account : undefined
    const region = String(entry.region)
    const here = (item: { account: string | undefined; region: string }) =>
      placeKey(item.account, item.region) === placeKey(account, region)
    const failure = failures.find(here)
    return {
      account,
      region,
      pages: Number(entry.pages),
      scanned: Number(entry.scanned),
      notIssued: Number(entry.notIssued),
      findings: findings.filter(here),
      ignored: ignored.filter(here),
      durationMs: Number(entry.durationMs),
      listed: entry.listed === true,
      ...(failure ? { failure } : {})
    }
  })
  const scanned = new Set(regions.map((scan) => placeKey(scan.account, scan.region)))
  const generatedAt = new Date(String(document.generatedAt))
  if (Number.isNaN(generatedAt.getTime())) throw new Error('its generatedAt is not a date.')
  return {
    name,
    generatedAt,
    context,
    accountNames: isObject(document.accountNames) ? (document.accountNames as Record<string, string>) : {},
    regions,
    setupFailures: failures.filter((failure) => !scanned.has(placeKey(failure.account, failure.region)))
  }
}

/** A finding as the report file holds it, back in the shape the renderers take; extra keys are kept. */
function toFinding(json: Json, settingsDays: number): Finding {
  const arn = String(json.arn)
  return {
    ...(json as object),
    ...certificateFields(json),
    renewalStatus: optional(json.renewalStatus),
    renewalReason: optional(json.renewalReason),
    action: json.action as Finding['action'],
    explanation: String(json.explanation),
    nextStep: String(json.nextStep),
    ...(typeof json.command === 'string' ? { command: json.command } : { command: undefined }),
    // The report names each resource; a finding holds the ARNs, as DescribeCertificate gives them.
    inUseBy: Array.isArray(json.inUseBy)
      ? json.inUseBy.map((resource: unknown) => String(isObject(resource) ? resource.arn : resource))
      : undefined,
    critical: json.critical === true,
    thresholdDays: typeof json.thresholdDays === 'number' ? json.thresholdDays : Number(settingsDays),
    validationMethods: Array.isArray(json.validationMethods) ? json.validationMethods.map(String) : undefined,
    acmeEndpointArn: optional(json.acmeEndpointArn),
    ...(isObject(json.replacement)
      ? { replacement: { arn: String(json.replacement.arn), notAfter: new Date(String(json.replacement.notAfter)) } }
      : { replacement: undefined }),
    ...(Array.isArray(json.unread) && json.unread.length > 0 ? { unread: json.unread } : { unread: undefined }),
    ...(typeof json.tagNote === 'string' ? { tagNote: json.tagNote } : { tagNote: undefined }),
    id: arn.split('/').pop() ?? arn
  } as Finding
}

function toIgnored(json: Json): IgnoredCertificate {
  return { ...certificateFields(json), reason: String(json.reason) }
}

function certificateFields(json: Json) {
  const arn = String(json.arn)
  const notAfter = new Date(String(json.notAfter))
  if (Number.isNaN(notAfter.getTime())) throw new Error(`the notAfter of ${arn} is not a date.`)
  const accountName = optional(json.accountName)
  return {
    account: String(json.account),
    ...(accountName === undefined ? {} : { accountName }),
    region: String(json.region),
    arn,
    id: arn.split('/').pop() ?? arn,
    domain: String(json.domain ?? ''),
    subjectAlternativeNames: Array.isArray(json.subjectAlternativeNames) ? json.subjectAlternativeNames.map(String) : [],
    type: String(json.type),
    acmStatus: String(json.status ?? ''),
    keyAlgorithm: String(json.keyAlgorithm ?? ''),
    notAfter,
    inUse: typeof json.inUse === 'boolean' ? json.inUse : undefined,
    renewalEligibility: optional(json.renewalEligibility),
    state: json.state === 'expired' ? ('expired' as const) : ('expiring' as const),
    daysLeft: Number(json.daysLeft),
    // Absent (null) stays absent: a null origin is not an unknown one. (An older report's thresholdDays is its days.)
    exported: json.exported === true ? true : undefined,
    keyPairOrigin: optional(json.keyPairOrigin),
    managedBy: optional(json.managedBy),
    exportOption: optional(json.exportOption),
    notBefore: notBeforeOf(json)
  }
}

function optional(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function notBeforeOf(json: Json): Date | undefined {
  const notBefore = typeof json.notBefore === 'string' ? new Date(json.notBefore) : undefined
  return notBefore && !Number.isNaN(notBefore.getTime()) ? notBefore : undefined
}
