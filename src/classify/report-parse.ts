import { REPORT_FORMAT_VERSION } from '../shared/report-format.js'
import { isRegionName, placeKey } from '../shared/aws-names.js'
import { messageOf } from '../shared/format.js'
import { daysLeft, expiryState } from './expiry.js'
import { measure, toFinding } from './finding.js'
import { lookupsFromFacts, recordFromFacts } from './report-facts.js'
import {
  ALL_REGIONS,
  type AccountCoverage,
  type IgnoredCertificate,
  type RegionScan,
  type ReportContext,
  type ScanFailure,
  type WorkflowRun
} from '../types.js'

/** A report file as the merge read it: its facts, with every finding derived again as of its time. */
export interface ParsedReport {
  name: string
  generatedAt: Date
  context: ReportContext
  accountNames: Record<string, string>
  regions: RegionScan[]
  setupFailures: ScanFailure[]
}

type Json = Record<string, unknown>

const ACCOUNT = /^\d{12}$/u

/**
 * Reads a report file. Only facts are taken (what AWS said, what was read, what failed); what a person is told
 * about each certificate is derived again, as a single run derives it, as of the time the report was made and
 * with its critical-days. A malformed fact refuses the whole report (thrown, in words).
 */
export function parseReport(name: string, text: string): ParsedReport {
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
  const generatedAt = new Date(String(document.generatedAt))
  if (typeof document.generatedAt !== 'string' || Number.isNaN(generatedAt.getTime())) {
    throw new Error('its generatedAt is not a date.')
  }
  const stopped = document.stopped
  if (stopped !== undefined && stopped !== null && typeof stopped !== 'string') throw new Error('its stopped is not text.')
  const run = readRun(document.run)
  if (typeof stopped === 'string' && !isObject(document.settings)) {
    // A run that stopped before it read its inputs records only why, and its shard when it could tell.
    return stoppedReport(name, generatedAt, stopped, run, document.asked)
  }
  const settings = document.settings
  const scope = document.asked
  if (!isObject(settings) || !isObject(scope)) throw new Error('it does not record its settings and scope.')
  const criticalDays = settings.criticalDays
  if (typeof criticalDays !== 'number' || !Number.isInteger(criticalDays) || criticalDays < 0) {
    throw new Error('its settings.criticalDays is not a whole number.')
  }
  const lifetimePercent = settings.lifetimePercent ?? null
  if (lifetimePercent !== null && !(typeof lifetimePercent === 'number' && Number.isFinite(lifetimePercent))) {
    throw new Error('its settings.lifetimePercent is not a number.')
  }
  if (typeof settings.days !== 'number' || !Number.isFinite(settings.days)) throw new Error('its settings.days is not a number.')
  const action = isObject(document.action) ? document.action : {}
  const coverage = readCoverage(document.coverage)
  const context: ReportContext = {
    actionVersion: String(action.version ?? ''),
    settings: settings as unknown as ReportContext['settings'],
    scope: scope as unknown as ReportContext['scope'],
    run,
    ...(coverage ? { coverage } : {}),
    ...(typeof stopped === 'string' ? { stopped } : {})
  }
  if (context.scope.organization && !coverage && typeof stopped !== 'string') {
    throw new Error('it does not record which accounts its discovery saw and which it audited (made by an older version?).')
  }
  const list = (key: string): Json[] => {
    const value = document[key]
    if (!Array.isArray(value) || !value.every(isObject)) throw new Error(`its ${key} are not a list of objects.`)
    return value
  }
  const findings = list('findings').map((json) => {
    const record = recordFromFacts(json)
    const { details, replacement, extras } = lookupsFromFacts(json, record)
    // The days it is measured against and whether it is critical, as the scan derives them (lifetime-percent too).
    const { thresholdDays, critical } = measure(record, {
      days: context.settings.days,
      criticalDays,
      lifetimePercent: lifetimePercent ?? undefined,
      now: generatedAt
    })
    return toFinding(record, details, replacement, generatedAt, { ...extras, thresholdDays, critical })
  })
  const ignored = list('ignored').map((json): IgnoredCertificate => {
    const record = recordFromFacts(json)
    if (typeof json.reason !== 'string') throw new Error(`the ignored ${record.arn} gives no reason.`)
    return {
      ...record,
      state: expiryState(record.notAfter, generatedAt),
      daysLeft: daysLeft(record.notAfter, generatedAt),
      reason: json.reason
    }
  })
  const failures = list('failures').map((failure): ScanFailure => {
    if (typeof failure.region !== 'string' || typeof failure.message !== 'string') {
      throw new Error('a failure has no region or message.')
    }
    place(failure.account, failure.region, 'a failure', true)
    return {
      account: typeof failure.account === 'string' ? failure.account : undefined,
      region: failure.region,
      message: failure.message,
      code: typeof failure.code === 'string' ? failure.code : undefined
    }
  })
  const regions = list('regions').map((entry): RegionScan => {
    place(entry.account, entry.region, 'a region entry', false)
    const account = typeof entry.account === 'string' ? entry.account : undefined
    const region = String(entry.region)
    const here = (item: { account: string | undefined; region: string }) =>
      placeKey(item.account, item.region) === placeKey(account, region)
    const failure = failures.find(here)
    const count = (key: string) => {
      const value = entry[key]
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new Error(`the ${key} of region ${JSON.stringify(region)} is not a number.`)
      }
      return value
    }
    return {
      account,
      region,
      pages: count('pages'),
      scanned: count('scanned'),
      notIssued: count('notIssued'),
      findings: findings.filter(here),
      ignored: ignored.filter(here),
      durationMs: count('durationMs'),
      listed: entry.listed === true,
      ...(failure ? { failure } : {})
    }
  })
  const scanned = new Set(regions.map((scan) => placeKey(scan.account, scan.region)))
  const stray = [...findings, ...ignored].find((certificate) => !scanned.has(placeKey(certificate.account, certificate.region)))
  if (stray) throw new Error(`it lists ${stray.arn} in a region it does not say it read.`)
  return {
    name,
    generatedAt,
    context,
    accountNames: readNames(document.accountNames),
    regions,
    setupFailures: failures.filter((failure) => !scanned.has(placeKey(failure.account, failure.region)))
  }
}

function stoppedReport(name: string, generatedAt: Date, stopped: string, run: WorkflowRun | null, asked: unknown): ParsedReport {
  const given = isObject(asked) && isObject(asked.shard) ? asked.shard : undefined
  const shard =
    given && Number.isInteger(given.index) && Number.isInteger(given.count)
      ? { index: given.index as number, count: given.count as number }
      : null
  return {
    name,
    generatedAt,
    context: {
      actionVersion: '',
      settings: { days: 0, criticalDays: 0, lifetimePercent: null, statuses: [], keyTypes: [], ignore: [], ignoreTag: null },
      scope: { regions: [], roles: [], organization: null, shard },
      run,
      stopped
    },
    accountNames: {},
    regions: [],
    setupFailures: []
  }
}

/** Checks an (account, region) of the report: a 12-digit account or null, and a region name (or * for a failure). */
function place(account: unknown, region: unknown, what: string, wholeAccount: boolean): void {
  if (account !== null && account !== undefined && !(typeof account === 'string' && ACCOUNT.test(account))) {
    throw new Error(`${what} names an account that is not a 12-digit id (${JSON.stringify(account).slice(0, 40)}).`)
  }
  const name = typeof region === 'string' ? region : ''
  if (!(isRegionName(name) || (wholeAccount && name === ALL_REGIONS))) {
    throw new Error(`${what} names a region that is not a region name (${JSON.stringify(region).slice(0, 40)}).`)
  }
}

function readRun(value: unknown): WorkflowRun | null {
  if (value === null || value === undefined) return null
  if (!isObject(value) || typeof value.id !== 'string' || !/^\d{1,20}$/u.test(value.id)) {
    throw new Error('its run is not a workflow run id and attempt.')
  }
  const attempt = value.attempt
  if (typeof attempt !== 'number' || !Number.isInteger(attempt) || attempt < 1) {
    throw new Error('its run attempt is not a whole number.')
  }
  return { id: value.id, attempt }
}

function readCoverage(value: unknown): AccountCoverage | undefined {
  if (value === null || value === undefined) return undefined
  const ids = (list: unknown) => Array.isArray(list) && list.every((id) => typeof id === 'string' && ACCOUNT.test(id))
  if (!isObject(value) || !ids(value.discovered) || !ids(value.audited)) {
    throw new Error('its coverage is not two lists of account ids (discovered, audited).')
  }
  return { discovered: [...(value.discovered as string[])].sort(), audited: [...(value.audited as string[])].sort() }
}

function readNames(value: unknown): Record<string, string> {
  if (!isObject(value)) return {}
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
