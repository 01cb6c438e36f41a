/** Shared by the hardening tests (faults, limits, security): seeded faults and checks on a run's artifacts. */
import { expect } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { ActionRun } from '../../emulator/run-action.js'
import type { CallContext, Fault, RecordedCall } from '../../emulator/types.js'

export interface FindingOutput {
  account: string
  region: string
  arn: string
  domain: string
  type: string
  status: string
  state: string
  unread: string[]
  daysLeft: number
  action: string
  explanation: string
  renewalStatus: string | null
}

export function findingsOf(run: ActionRun): FindingOutput[] {
  return JSON.parse(run.outputs.findings ?? 'null') as FindingOutput[]
}

export async function reportOf(run: ActionRun): Promise<{
  complete: boolean
  findings: FindingOutput[]
  failures: Array<{ account: string | null; region: string; message: string }>
}> {
  return JSON.parse(await readFile(run.outputs['report-file'] ?? '', 'utf8')) as never
}

/** The findings tables' rows (broken now, will break, clean-up, in that order), with names as a person reads them. */
export function tableRows(summary: string): string[] {
  return summary
    .split('\n')
    .filter((line) => /^\| (🔥 expired|❌ expired|🚨 critical|⚠️ expiring) \|/u.test(line))
    .map(readable)
}

/** A row or line without the <wbr> that let names wrap, and without markdown's backslash escapes. */
export function readable(line: string): string {
  return line.replace(/<wbr>/gu, '').replace(/\\([^\w\s])/gu, '$1')
}

/** Workflow commands that fail or annotate with an error. */
export function errorLines(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith('::error'))
}

/** A crash shows as a stack trace ("    at fn (file:line:col)"); a handled failure never does. */
export function expectNoStackTrace(run: ActionRun): void {
  for (const stream of [run.stdout, run.stderr]) {
    expect(stream.split('\n').filter((line) => /^\s+at\s/u.test(line) || /\(\S+:\d+:\d+\)$/u.test(line))).toEqual([])
    expect(stream).not.toMatch(/Unhandled|uncaught|triggerUncaughtException/iu)
  }
}

/**
 * What an incomplete run must still show: every certificate it found, in the findings output, the report
 * file and the summary's table, with counts to match; an "Incomplete audit" headline, and no "All clear"
 * anywhere.
 */
export async function expectEverythingFoundShown(run: ActionRun, expected: readonly FindingOutput[]): Promise<void> {
  const arns = expected.map((finding) => finding.arn)
  expect(findingsOf(run).map((finding) => finding.arn)).toEqual(arns)
  expect((await reportOf(run)).findings.map((finding) => finding.arn)).toEqual(arns)
  const rows = tableRows(run.summary)
  expect(rows).toHaveLength(expected.length)
  expected.forEach((finding, index) => expect(rows[index]).toContain(`[${finding.domain}](`))
  expect(Number(run.outputs['expiring-count']) + Number(run.outputs['expired-count'])).toBe(expected.length)
  expect(run.summary).toContain('**Incomplete audit:**')
  for (const artifact of [run.summary, run.stdout]) expect(artifact).not.toMatch(/all clear/iu)
}

/** Mulberry32: a small, well-mixed 32-bit generator; the same seed gives the same numbers. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** A 32-bit seed from a string (the first bytes of its SHA-256), well mixed even for near-identical strings. */
export function seedOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0)
}

/** One logical request, whatever attempt: operation, account, region and the certificate or page it asks for. */
export function requestKey(call: Pick<CallContext, 'operation' | 'account' | 'region' | 'params'>): string {
  const target = call.params.CertificateArn ?? call.params.NextToken ?? ''
  return [call.operation, call.account ?? '', call.region ?? '', String(target)].join(' ')
}

export interface FaultRates {
  /** Share of attempts answered with ThrottlingException (HTTP 400). */
  throttling: number
  /** Share of attempts answered with HTTP 500 InternalFailure or 503 ServiceUnavailable. */
  serverErrors: number
}

/**
 * Seeded faults: each request (see requestKey) draws from its own generator, seeded from the seed and the
 * request, so which attempts fail does not depend on the order requests arrive in. At most `maxInARow`
 * attempts of one request fail in a row, so every request gets through within the SDK's six attempts.
 */
export function seededFaults(seed: number, rates: FaultRates, maxInARow = 3) {
  const requests = new Map<string, { next: () => number; inARow: number }>()
  const injected = { throttling: 0, serverErrors: 0 }
  const decide = (call: CallContext): Fault | undefined => {
    if (call.service !== 'acm') return undefined
    const key = requestKey(call)
    let request = requests.get(key)
    if (!request) {
      request = { next: mulberry32(seedOf(`${seed} ${key}`)), inARow: 0 }
      requests.set(key, request)
    }
    const draw = request.next()
    const statusDraw = request.next()
    if (request.inARow >= maxInARow || draw >= rates.throttling + rates.serverErrors) {
      request.inARow = 0
      return undefined
    }
    request.inARow += 1
    if (draw < rates.throttling) {
      injected.throttling += 1
      return { kind: 'error', status: 400, code: 'ThrottlingException', message: 'Rate exceeded' }
    }
    injected.serverErrors += 1
    return statusDraw < 0.5
      ? { kind: 'error', status: 500, code: 'InternalFailure', message: 'We encountered an internal error. Please try again.' }
      : { kind: 'error', status: 503, code: 'ServiceUnavailable', message: 'Service is currently unavailable.' }
  }
  return { decide, injected }
}

/** Attempts per request, in the order first seen. */
export function attemptsPerRequest(calls: readonly RecordedCall[]): Map<string, number[]> {
  const attempts = new Map<string, number[]>()
  for (const call of calls) {
    if (call.service !== 'acm') continue
    const key = requestKey(call)
    attempts.set(key, [...(attempts.get(key) ?? []), call.status])
  }
  return attempts
}

/** The statuses each request of `clean` gets under these faults: the planned faults, then a 200. */
export function plannedAttempts(clean: readonly RecordedCall[], seed: number, rates: FaultRates): Map<string, number[]> {
  const plan = seededFaults(seed, rates)
  const attempts = new Map<string, number[]>()
  for (const call of clean) {
    if (call.service !== 'acm') continue
    const statuses: number[] = []
    for (let fault = plan.decide(call); fault; fault = plan.decide(call)) statuses.push(fault.kind === 'error' ? fault.status : 0)
    attempts.set(requestKey(call), [...statuses, 200])
  }
  return attempts
}
