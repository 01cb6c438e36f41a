/**
 * lifetime-percent through the bundle: certificates of 47, 90 and 198 days measured against the smaller of
 * days and that share of their lifetime, with the critical window scaled to match.
 */
import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import type { AwsEmulator } from '../../emulator/aws-emulator.js'
import { type ActionRun, runAction } from '../../emulator/run-action.js'
import { DAY, emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

/** A certificate of `lifetime` days with `left` days left (IMPORTED: its advice does not depend on renewal). */
const certificate = (domain: string, lifetime: number, left: number) => {
  const notAfter = inDays(left)
  return { domain, type: 'IMPORTED' as const, notAfter, notBefore: new Date(notAfter.getTime() - lifetime * DAY) }
}

interface Finding {
  domain: string
  thresholdDays: number
  critical: boolean
}

const findingsOf = (run: ActionRun) =>
  (JSON.parse(run.outputs.findings ?? '[]') as Finding[]).map(({ domain, thresholdDays, critical }) => ({
    domain,
    thresholdDays,
    critical
  }))

describe('lifetime-percent', () => {
  const seed = () =>
    emulator.addCertificates('us-east-1', [
      certificate('short-calm.example.com', 47, 20),
      certificate('short-flagged.example.com', 47, 10),
      certificate('short-critical.example.com', 47, 3),
      certificate('quarter-calm.example.com', 90, 29.9),
      certificate('quarter-flagged.example.com', 90, 29),
      certificate('long-flagged.example.com', 198, 25),
      certificate('long-critical.example.com', 198, 5)
    ])

  it('flags at min(days, percent of the lifetime) and scales the critical window (47, 90 and 198 days)', async () => {
    seed()
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1', 'fail-on': 'never', 'lifetime-percent': '33' }
    })
    expect(run.exitCode).toBe(0)
    expect(findingsOf(run).sort((a, b) => a.domain.localeCompare(b.domain))).toEqual([
      { domain: 'long-critical.example.com', thresholdDays: 30, critical: true },
      { domain: 'long-flagged.example.com', thresholdDays: 30, critical: false },
      { domain: 'quarter-flagged.example.com', thresholdDays: 29.7, critical: false },
      // 33 % of 47 days is 15.51; its critical window 7 × 15.51 / 30 = 3.62 days.
      { domain: 'short-critical.example.com', thresholdDays: 15.51, critical: true },
      { domain: 'short-flagged.example.com', thresholdDays: 15.51, critical: false }
    ])
    expect(run.summary).toContain(
      '3 of them were measured against a shorter threshold (15.51 days, 29.7 days: 33 % of its lifetime, lifetime-percent) instead of 30 days.'
    )
    const report = JSON.parse(await readFile(run.outputs['report-file'] ?? '', 'utf8')) as {
      settings: { lifetimePercent: number | null }
      findings: Finding[]
    }
    expect(report.settings.lifetimePercent).toBe(33)
    expect(report.findings.find((finding) => finding.domain === 'short-flagged.example.com')?.thresholdDays).toBe(15.51)
  })

  it('is off by default: every certificate measured against days, and no word of other thresholds', async () => {
    seed()
    const run = await runAction({ endpoint: emulator.url, inputs: { regions: 'us-east-1', 'fail-on': 'never' } })
    const findings = findingsOf(run)
    expect(findings).toHaveLength(7)
    expect(findings.every((finding) => finding.thresholdDays === 30)).toBe(true)
    expect(run.summary).not.toContain('shorter threshold')
  })

  it('says what all clear means when it is set', async () => {
    emulator.addCertificates('us-east-1', [certificate('short-calm.example.com', 47, 20)])
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1', 'lifetime-percent': '33' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.summary).toContain(
      '**All clear:** no certificate expires within its threshold (30 days, or 33 % of its lifetime when that is shorter: lifetime-percent)'
    )
  })

  it('refuses a value that is not a whole percentage, naming the input', async () => {
    const run = await runAction({ endpoint: emulator.url, inputs: { regions: 'us-east-1', 'lifetime-percent': '0' } })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`Input 'lifetime-percent' must be a whole number of percent from 1 to 100; got "0".`)
  })
})
