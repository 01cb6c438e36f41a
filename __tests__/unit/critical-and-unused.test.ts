/** critical-days and fail-on-unused: the outcome, the annotations and the input. */
import { describe, expect, it } from '@jest/globals'
import { decideOutcome } from '../../src/classify/outcome.js'
import { blockingFindings, byUrgency } from '../../src/classify/report.js'
import { isCritical } from '../../src/classify/expiry.js'
import { parseCriticalDays, readInputs } from '../../src/inputs.js'
import { planAnnotations } from '../../src/render/annotations.js'
import { renderSummary } from '../../src/render/summary.js'
import { InputError } from '../../src/shared/parse.js'
import { daysFromNow, finding, NOW, report } from './fixtures.js'

const critical = () => finding({ state: 'expiring', daysLeft: 3, critical: true, domain: 'critical.example.com' })
const expiring = () => finding({ state: 'expiring', daysLeft: 20 })
const expired = () => finding({ state: 'expired', daysLeft: -2 })
const unused = (overrides = {}) =>
  finding({ action: 'delete-unused', inUse: false, inUseBy: [], domain: 'unused.example.com', ...overrides })

describe('isCritical', () => {
  it('is true within critical-days and not yet expired, to the millisecond', () => {
    expect(isCritical(daysFromNow(7), NOW, 7)).toBe(true)
    expect(isCritical(new Date(daysFromNow(7).getTime() + 1), NOW, 7)).toBe(false)
    expect(isCritical(daysFromNow(0.1), NOW, 7)).toBe(true)
    expect(isCritical(NOW, NOW, 7)).toBe(false)
    expect(isCritical(daysFromNow(-1), NOW, 7)).toBe(false)
    expect(isCritical(daysFromNow(1), NOW, 0)).toBe(false)
  })
})

describe('fail-on critical', () => {
  it('passes when certificates only expire beyond critical-days', () => {
    expect(decideOutcome(report({ findings: [expiring(), expiring()] }), 'critical')).toEqual({ failed: false, message: '' })
  })

  it('fails for a critical certificate, naming critical-days', () => {
    expect(decideOutcome(report({ findings: [critical(), expiring()] }), 'critical')).toEqual({
      failed: true,
      message: '1 certificate expires within 7 days (critical-days). See the job summary for what to do.'
    })
  })

  it('fails for an expired certificate too', () => {
    expect(decideOutcome(report({ findings: [expired(), critical(), critical()] }), 'critical').message).toBe(
      '2 certificates expire within 7 days (critical-days) and 1 certificate has expired. See the job summary for what to do.'
    )
  })
})

describe('fail-on-unused', () => {
  it('counts unused certificates like any other finding by default', () => {
    const audit = report({ findings: [unused()] })
    expect(decideOutcome(audit, 'expiring').failed).toBe(true)
    expect(blockingFindings(audit)).toHaveLength(1)
  })

  it('false: unused certificates alone fail nothing, but the others still do', () => {
    const onlyUnused = report({ findings: [unused(), unused({ state: 'expired', critical: false })], failOnUnused: false })
    expect(blockingFindings(onlyUnused)).toEqual([])
    for (const failOn of ['expiring', 'critical', 'expired'] as const) {
      expect(decideOutcome(onlyUnused, failOn)).toEqual({ failed: false, message: '' })
    }
    const mixed = report({ findings: [unused(), expiring()], failOnUnused: false })
    expect(decideOutcome(mixed, 'expiring').message).toBe(
      '1 certificate expires within 30 days or has expired. See the job summary for what to do.'
    )
  })
})

describe('annotations of critical certificates', () => {
  it('are errors, titled critical', () => {
    const annotations = planAnnotations(report({ findings: [critical(), expiring()] }))
    expect(annotations.map((a) => [a.level, a.title])).toEqual([
      ['error', 'Critical: expires in 3 days: critical.example.com'],
      ['warning', 'Expires in 20 days: example.com']
    ])
  })
})

describe('critical-days input', () => {
  it('defaults to 7, or to days when days is smaller', () => {
    expect(parseCriticalDays('', 30)).toBe(7)
    expect(parseCriticalDays('', 5)).toBe(5)
    expect(parseCriticalDays(' 14 ', 30)).toBe(14)
    expect(parseCriticalDays('0', 30)).toBe(0)
  })

  it('rejects a value over days, naming both inputs', () => {
    expect(() => parseCriticalDays('31', 30)).toThrow(InputError)
    expect(() => parseCriticalDays('31', 30)).toThrow(
      "Input 'critical-days' (31) must be at most 'days' (30): critical certificates are the most urgent of those flagged. Lower 'critical-days' or raise 'days'."
    )
    expect(() => parseCriticalDays('-1', 30)).toThrow("Input 'critical-days' must be a whole number from 0 to 3650")
  })

  it('is read with fail-on-unused into the inputs', () => {
    const values: Record<string, string> = { days: '10', 'fail-on-unused': 'false', 'fail-on': 'critical' }
    const inputs = readInputs((name) => values[name] ?? '', { AWS_REGION: 'eu-west-1' })
    expect(inputs).toMatchObject({ days: 10, criticalDays: 7, failOnUnused: false, failOn: 'critical' })
    expect(readInputs(() => '', { AWS_REGION: 'eu-west-1' })).toMatchObject({ criticalDays: 7, failOnUnused: true })
  })
})

describe('the order of the findings', () => {
  it('puts expired certificates first, then critical ones, then the rest, each soonest first', () => {
    const at = (days: number, domain: string) =>
      finding({ notAfter: daysFromNow(days), domain, state: days < 0 ? 'expired' : 'expiring', critical: days >= 0 && days <= 7 })
    const shuffled = [
      at(20, 'later'),
      at(6, 'critical-6'),
      at(-2, 'expired-2'),
      at(1, 'critical-1'),
      at(-9, 'expired-9'),
      at(8, 'next')
    ]
    const sorted = [...shuffled].sort(byUrgency)
    expect(sorted.map((item) => item.domain)).toEqual(['expired-9', 'expired-2', 'critical-1', 'critical-6', 'next', 'later'])
    // In the summary's tables too (all in use: the broken-now table, then the will-break one).
    const rows = renderSummary(report({ findings: sorted }))
      .split('\n')
      .filter((line) => /^\| (?!Status|:?-)/u.test(line))
      .map((line) => /\[([a-z0-9-]+)(?:<wbr>)?([a-z0-9-]*)\]/u.exec(line)?.slice(1).join(''))
    expect(rows.filter(Boolean)).toEqual(['expired-9', 'expired-2', 'critical-1', 'critical-6', 'next', 'later'])
  })
})
