import { describe, expect, it } from '@jest/globals'
import { table } from '../../scripts/bench/format.js'
import { END_MARKER, renderReport, spliceReport, START_MARKER } from '../../scripts/bench/report.js'
import { manualSection } from '../../scripts/bench/sections.js'
import { evaluateTargets } from '../../scripts/bench/targets.js'
import type { ManualResult } from '../../scripts/bench/types.js'
import { benchResults, region, run } from './fixtures.js'

describe('table', () => {
  it('writes `:-` and `-:` delimiters, escapes pipes, and two spaces for an empty cell', () => {
    expect(
      table(
        ['', 'Wall', 'Note'],
        [
          ['a|b', '1 ms', ''],
          ['c', '', '']
        ],
        ['l', 'r', 'l']
      )
    ).toBe(['|  | Wall | Note |', '| :- | -: | :- |', '| a\\|b | 1 ms |  |', '| c |  |  |'].join('\n'))
  })
})

describe('renderReport', () => {
  it('renders the empty and wide fixture exactly as BENCHMARKS.md lays it out', () => {
    const results = benchResults()
    expect(renderReport(results, evaluateTargets(results))).toBe(
      [
        'Run on 2026-01-02 03:04 UTC · Test CPU, 2 cores, 8.0 GiB memory · Linux 6.0 x64 · Node v20.0.0 · load average at start 0.50 0.40 0.30, at the end 0.20 0.10 0.05 · measured dist/ of the working tree, `index.js` sha256 abcdef012345… · bench time 12.3 s',
        '',
        'Emulator: latency 40 ms per AWS response (0 for empty); ACM quotas per account, region and operation (token buckets as large as the rate, full at first): ListCertificates 8/s, DescribeCertificate 10/s, ListTagsForCertificate 10/s. Threshold 30 days; 1 % of each region\'s certificates inside it, alternately IMPORTED and AMAZON_ISSUED. Runs: 2 for empty, 1 for the others; wall = spawn to exit of `node dist/index.js`; "empty" is the median wall of the empty scenario; emulator time from `calls[].serverMs` (mean / max, ms).',
        '',
        '| Scenario | Data | Wall: median (min–max) | Wall − empty | Floor | (Wall − empty) / floor | ACM requests (median) | Needed | Throttled (max) | Peak RSS (median) |',
        '| :- | :- | -: | -: | -: | -: | :- | :- | -: | -: |',
        '| empty | 1 region × 0 certificates (latency 0) | 0.45 s (0.40 s–0.50 s) | – | – | – | List 1 · Describe 0 · Tags 0 | List 1 · Describe 0 · Tags 0 | 0 | 65.0 MiB |',
        '| wide | 16 regions × 5,000 certificates | 3.45 s (3.45 s–3.45 s) | 3.00 s | 2.98 s | **1.01×** | List 80 · Describe 401 · Tags 0 | List 80 · Describe 400 · Tags 0 | 1 | 200.0 MiB |',
        '',
        "Where the time goes: the action's own CPU time, the CPU time the emulator (the bench process) spent while it ran, and the emulator's time per request from `calls[].serverMs` (from reading the request to the response being ready, injected latency excluded; it includes waiting for the requests handled at the same time).",
        '',
        '| Scenario | Action CPU, user + system (median) | Emulator CPU (median) | Emulator time per request, ms: mean / max | Other requests |',
        '| :- | -: | -: | :- | :- |',
        '| empty | 325 ms | 50 ms (11 % of the wall time) | List 1.50 / 2.0 | GetCallerIdentity 1 |',
        '| wide | 2500 ms | 690 ms (20 % of the wall time) | List 4.00 / 5.0 · Describe 0.50 / 0.5 | GetCallerIdentity 1 |',
        '',
        '### Targets',
        '',
        '| Target | Measured | Result |',
        '| :- | :- | :- |',
        '| empty: start-up over bare Node ≤ 300 ms (median) | 450 ms − 60 ms = 390 ms | **MISS** |',
        '| wide: calls = the pages needed + 1 DescribeCertificate per flagged certificate, per account and region; outputs correct | 111122223333:us-east-1:DescribeCertificate: 26 calls, expected 25 | **MISS** |',
        '| wide: no throttling responses | 1 | **MISS** |',
        '| wide: (wall − empty) ≤ 1.25 × floor | 1.01× (3.00 s vs 2.98 s) | **PASS** |',
        '| empty: calls = 1 ListCertificates page; outputs correct | yes | **PASS** |',
        '| emulator not the bottleneck: its CPU ≤ 50 % of one core in every scenario, median time per ListCertificates page ≤ 10 ms | busiest: wide 20 %; page median 2.5 ms (p95 5.0 ms, 4 pages) | **PASS** |',
        '',
        '### empty: fixed cost',
        '',
        '|  | Wall (median) | Runs (ms) | CPU user+sys (median) | Peak RSS (median) |',
        '| :- | -: | :- | -: | -: |',
        '| bare `node -e ""` | 60 ms | 50, 70 | – | 38.0 MiB |',
        '| `node dist/index.js` | 450 ms | 400, 500 | 325 ms | 65.0 MiB |',
        '| start-up over bare Node | 390 ms |  |  |  |',
        '',
        'Bundle: `dist/index.js` 2,097,152 B, `dist/licenses.txt` 1,000 B; JavaScript 2.00 MiB (`193.index.js` holds the EC2 client and is loaded only for `regions: all`).',
        ''
      ].join('\n')
    )
  })
})

describe('the manual comparison', () => {
  const action = {
    name: 'manual' as const,
    label: 'manual: the action',
    data: '3 regions × 160 certificates (action)',
    floorMs: 80,
    expected: { ListCertificates: 3, DescribeCertificate: 3, ListTagsForCertificate: 0 },
    runs: [run({ wallMs: 500, calls: { ListCertificates: 3, DescribeCertificate: 3, GetCallerIdentity: 1 } })]
  }
  const manual: ManualResult = {
    regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'].map((name) =>
      region({ region: name, certificates: 160, flagged: 2, flaggedManaged: 1, manualListed: 127, manualFlagged: 1 })
    ),
    manual: [
      run({ wallMs: 50_000, cpuMs: 2000, calls: { ListCertificates: 3, DescribeCertificate: 400 }, throttled: 10 }),
      run({ wallMs: 60_000, cpuMs: 2400, calls: { ListCertificates: 3, DescribeCertificate: 420 }, throttled: 30 })
    ],
    manualFound: 3,
    manualFailed: 2,
    action
  }

  it('section: medians of the manual runs against the action, and the ratios', () => {
    // 55 s / 0.5 s = 110; requests 413 / 6 = 68.83
    expect(manualSection(manual).split('\n').slice(2, 7)).toEqual([
      '|  | Wall (median) | ACM requests (median, throttled included) | Throttled (median) | Flagged certificates found |',
      '| :- | -: | -: | -: | :- |',
      '| by hand: ListCertificates(ISSUED) + DescribeCertificate each, region after region | 55.0 s | 413 | 20 | 3 of 6 (2 look-ups failed) |',
      '| the action (start-up included) | 0.50 s | 6 | 0 | 6 of 6 |',
      '| action speed-up / call ratio | **110.00×** | **68.83×** fewer |  |  |'
    ])
  })

  it('adds the by-hand rows after the action scenarios, and the section after empty', () => {
    const results = benchResults({ results: [action], manual })
    const report = renderReport(results, [])
    expect(report).toContain(
      '\n| manual: the action | 3 regions × 160 certificates (action) | 0.50 s (0.50 s–0.50 s) | 0.05 s | 0.08 s | **0.63×** | List 3 · Describe 3 · Tags 0 | List 3 · Describe 3 · Tags 0 | 0 | 64.0 MiB |\n| manual: by hand | 3 regions × 160 certificates (SDK loop in the bench process) | 55.0 s (50.0 s–60.0 s) | – | – | – | List 3 · Describe 410 · Tags 0 | List 3 · Describe 381 · Tags 0, + retries | 30 | n/a (in-process) |\n'
    )
    expect(report).toContain('\n| manual: by hand | 2200 ms (loop and emulator together) | – | – | – |\n')
    expect(report.indexOf('### manual: the usual script')).toBeGreaterThan(report.indexOf('### empty: fixed cost'))
  })
})

describe('spliceReport', () => {
  it('replaces only the text between the markers', () => {
    const existing = `# Benchmarks\n\nProse.\n\n${START_MARKER}\nold results\n${END_MARKER}\n\n## Findings\n`
    expect(spliceReport(existing, 'new results\n\n')).toBe(
      `# Benchmarks\n\nProse.\n\n${START_MARKER}\nnew results\n${END_MARKER}\n\n## Findings\n`
    )
  })

  it('appends the block to a file without markers, and writes a new file when there is none', () => {
    expect(spliceReport('# Other\n\n', 'r')).toBe(`# Other\n\n${START_MARKER}\nr\n${END_MARKER}\n`)
    expect(spliceReport(undefined, 'r')).toBe(
      `# Benchmarks\n\nWritten by \`npm run bench\` (scripts/bench/main.ts); the text outside the bench markers is kept.\n\n${START_MARKER}\nr\n${END_MARKER}\n`
    )
  })
})
