import { inDays } from '../helpers/emulator-per-test.js'
/**
 * Limits: with thousands of findings, the job summary stays under GitHub's 1 MiB step-summary limit, the
 * tracking issue under its 65,536-character body limit (which the fake GitHub enforces, as GitHub does),
 * the findings output under 1 MB, and annotations under GitHub's 10 per level; each truncates with a count
 * of what it left out, and nothing fails because of size.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { AwsEmulator } from '../../emulator/aws-emulator.js'
import { GITHUB_BODY_LIMIT } from '../../emulator/github-api.js'
import { type ActionRun, runAction } from '../../emulator/run-action.js'
import { readState } from '../../src/github/issue-state.js'
import { expectNoStackTrace, findingsOf, reportOf, tableRows } from './hardening-helpers.js'

const COUNT = 6_000
/**
 * Every flagged certificate costs one DescribeCertificate (for InUseBy), paced per region at ACM's 10/s:
 * the certificates are spread over regions, which are paced side by side, so the run stays short.
 */
const REGIONS = Array.from({ length: 40 }, (_, i) => `us-test-${i + 1}`)
const STEP_SUMMARY_LIMIT = 1024 * 1024
const OUTPUT_LIMIT = 1024 * 1024

let emulator: AwsEmulator
let run: ActionRun
beforeAll(async () => {
  emulator = new AwsEmulator({ latencyMs: 0 })
  await emulator.start()
  const perRegion = COUNT / REGIONS.length
  REGIONS.forEach((region, r) =>
    emulator.addCertificates(
      region,
      Array.from({ length: perRegion }, (_, j) => {
        const i = r * perRegion + j
        return {
          domain: `service-${String(i).padStart(4, '0')}.internal.example.com`,
          subjectAlternativeNames: [`service-${i}.internal.example.com`, `www.service-${i}.internal.example.com`],
          type: 'IMPORTED' as const,
          notAfter: inDays(-10.5 + (i % 40))
        }
      })
    )
  )
  run = await runAction({
    endpoint: emulator.url,
    inputs: { regions: REGIONS.join(','), 'create-issue': 'true', 'fail-on': 'never' },
    timeoutMs: 110_000
  })
}, 120_000)
afterAll(async () => {
  await emulator.stop()
})

describe(`${COUNT.toLocaleString('en-US')} flagged certificates in one region`, () => {
  it('succeeds: nothing fails because of size', () => {
    expect(run.exitCode).toBe(0)
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([])
    expect(Number(run.outputs['expiring-count']) + Number(run.outputs['expired-count'])).toBe(COUNT)
    expect(run.outputs['scanned-count']).toBe(String(COUNT))
    expectNoStackTrace(run)
  })

  it('keeps the job summary under 1 MiB and says how many rows it left out', () => {
    expect(Buffer.byteLength(run.summary, 'utf8')).toBeLessThan(STEP_SUMMARY_LIMIT)
    const shown = tableRows(run.summary).length
    expect(shown).toBeGreaterThan(100)
    const more =
      /^([\d,]+) more flagged certificates? not shown here, to keep the summary under GitHub's size limit: all of them are in the `findings` output and the report file\.$/mu.exec(
        run.summary
      )
    expect(Number((more?.[1] ?? '').replace(/,/gu, ''))).toBe(COUNT - shown)
    expect(run.summary).toContain(`Scanned **${COUNT.toLocaleString('en-US')} certificates** in ${REGIONS.length} regions`)
    expect(run.summary).toContain(`flagged **${COUNT}**`)
  })

  it('keeps the tracking issue under 65,536 characters, lists what fits, and counts the rest', () => {
    expect(emulator.github.calls.filter((call) => call.status >= 400)).toEqual([])
    const issue = emulator.github.issues[0]
    const body = issue?.body ?? ''
    expect([...body].length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT)
    const listed = readState(body)
    expect(listed.length).toBeGreaterThan(50)
    expect(body.match(/^- \[ \] /gmu)).toHaveLength(listed.length)
    const more =
      /^([\d,]+) more certificates? did not fit in this issue: see the \[run's job summary\]\(https:\/\/github\.com\/octo-org\/infrastructure\/actions\/runs\/4242\) for all of them\.$/mu.exec(
        body
      )
    expect(Number((more?.[1] ?? '').replace(/,/gu, ''))).toBe(COUNT - listed.length)
    // The tiers' headings count every certificate, listed or not: the expired ones still in use, then the others.
    const tierCounts = [...body.matchAll(/^### (?:🔥 Broken now|Will break|Watching|Clean-up) \((\d+)\)$/gmu)].map((m) =>
      Number(m[1])
    )
    expect(tierCounts.length).toBe(2)
    expect(tierCounts.reduce((sum, n) => sum + n, 0)).toBe(COUNT)
    expect(run.outputs['issue-number']).toBe(String(issue?.number))
  })

  it('keeps the findings output under 1 MB with the most urgent first, and the report file holds all of them', async () => {
    const output = run.outputs.findings ?? ''
    expect(Buffer.byteLength(output, 'utf8')).toBeLessThan(OUTPUT_LIMIT)
    const included = findingsOf(run)
    expect(included.length).toBeGreaterThan(100)
    expect(included.length).toBeLessThan(COUNT)
    expect(run.stdout).toContain(
      `::warning::The findings output holds the ${included.length} most urgent of ${COUNT} flagged certificates (GitHub limits an output to 1 MB); the report file holds all of them.`
    )
    const report = await reportOf(run)
    expect(report.findings).toHaveLength(COUNT)
    expect(report.findings.slice(0, included.length)).toEqual(included)
  })

  it('writes at most 10 error and 10 warning annotations, and one notice for the rest', () => {
    const lines = run.stdout.split('\n')
    expect(lines.filter((line) => line.startsWith('::error title='))).toHaveLength(10)
    expect(lines.filter((line) => line.startsWith('::warning title='))).toHaveLength(10)
    expect(lines.filter((line) => line.startsWith('::notice title=More certificates::'))).toEqual([
      `::notice title=More certificates::${(COUNT - 20).toLocaleString('en-US')} more annotations not shown: see the job summary for every certificate.`
    ])
  })
})
