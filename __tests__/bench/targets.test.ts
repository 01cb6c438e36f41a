import { describe, expect, it } from '@jest/globals'
import { evaluateTargets, retainedChecks, startup } from '../../scripts/bench/targets.js'
import { benchResults, run, WIDE_RESULT } from './fixtures.js'

describe('startup', () => {
  it("is the empty scenario's median wall less bare Node's", () => {
    expect(startup(benchResults())).toEqual({ emptyWall: 450, bareWall: 60, overNode: 390 })
  })
})

describe('evaluateTargets', () => {
  it('checks start-up, the requests, throttling, the floor, empty, and the emulator, in that order', () => {
    expect(evaluateTargets(benchResults())).toEqual([
      { target: 'empty: start-up over bare Node ≤ 300 ms (median)', measured: '450 ms − 60 ms = 390 ms', ok: false },
      {
        target:
          'wide: calls = the pages needed + 1 DescribeCertificate per flagged certificate, per account and region; outputs correct',
        measured: '111122223333:us-east-1:DescribeCertificate: 26 calls, expected 25',
        ok: false
      },
      { target: 'wide: no throttling responses', measured: '1', ok: false },
      // (3,450 − 450) / 2,980 = 1.0067
      { target: 'wide: (wall − empty) ≤ 1.25 × floor', measured: '1.01× (3.00 s vs 2.98 s)', ok: true },
      { target: 'empty: calls = 1 ListCertificates page; outputs correct', measured: 'yes', ok: true },
      {
        target:
          'emulator not the bottleneck: its CPU ≤ 50 % of one core in every scenario, median time per ListCertificates page ≤ 10 ms',
        // wide 690 / 3,450 = 20 %, empty 10 % and 12 %; pages 1, 2, 3, 5 ms
        measured: 'busiest: wide 20 %; page median 2.5 ms (p95 5.0 ms, 4 pages)',
        ok: true
      }
    ])
  })

  it('lists the calls made when they were right, and misses the floor above 1.25×', () => {
    const wide = {
      ...WIDE_RESULT,
      runs: [run({ wallMs: 4250, calls: { ListCertificates: 80, DescribeCertificate: 400 }, emulatorCpuMs: 850 })]
    }
    const checks = evaluateTargets(benchResults({ results: [wide] }))
    expect(checks[1]).toMatchObject({ measured: 'List 80 · Describe 400 · Tags 0 in every run', ok: true })
    expect(checks[2]).toMatchObject({ measured: '0', ok: true })
    // (4,250 − 450) / 2,980 = 1.275
    expect(checks[3]).toMatchObject({ measured: '1.28× (3.80 s vs 2.98 s)', ok: false })
  })

  it("compares deep's peak RSS with its 1,000-certificate reference", () => {
    const deep = { ...WIDE_RESULT, name: 'deep' as const, label: 'deep', runs: [run({ maxRssKb: 122_880 })] }
    const deepSmall = { ...deep, label: 'deep (1,000)', runs: [run({ maxRssKb: 81_920 }), run({ maxRssKb: 81_920 })] }
    const checks = evaluateTargets(benchResults({ results: [deep], deepSmall }))
    expect(checks).toContainEqual({
      target: 'deep: peak RSS at 50,000 ≤ 1.2 × at 1,000',
      measured: '120.0 MiB / 80.0 MiB = 1.50×',
      ok: false
    })
    expect(checks.some((check) => check.target.includes('memory held'))).toBe(false)
  })

  it('measures the memory held per certificate listed beyond the reference, when both were measured', () => {
    const deep = { ...WIDE_RESULT, name: 'deep' as const, label: 'deep', runs: [run({ maxRssKb: 122_880 })], retainedKb: 24_000 }
    const deepSmall = { ...deep, label: 'deep (1,000)', runs: [run({ maxRssKb: 81_920 })], retainedKb: 17_000 }
    const checks = evaluateTargets(benchResults({ results: [deep], deepSmall }))
    // (24,000 − 17,000) KiB × 1,024 / 49,000 certificates = 146 B
    expect(checks).toContainEqual({
      target: 'deep: memory held after a full collection grows by ≤ 256 B per certificate listed beyond 1,000',
      measured: '23.4 MiB at 50,000, 16.6 MiB at 1,000: 146 B per certificate',
      ok: true
    })
    expect(retainedChecks(30_000, 17_000)[0]?.ok).toBe(false)
    expect(retainedChecks(undefined, 17_000)).toEqual([])
  })
})
