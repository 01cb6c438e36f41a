import { mib, msText, ratioText, secs, table, thousands } from './format.js'
import { acmTotal, defined, median, sum } from './stats.js'
import { startup } from './targets.js'
import type { BenchResults, BundleInfo, EmptyResult, ManualResult } from './types.js'

const roundedList = (values: readonly number[]): string => values.map((ms) => Math.round(ms)).join(', ')

/** The action's fixed cost next to a bare `node -e ""`, and the bundle's files. */
export function emptySection(empty: EmptyResult, bundle: Pick<BundleInfo, 'sizes'>): string {
  const { emptyWall, bareWall, overNode } = startup({ empty })
  const runs = empty.result.runs
  const javascript = sum(bundle.sizes.filter((entry) => entry.file.endsWith('.js')).map((entry) => entry.bytes))
  const files = bundle.sizes.map((entry) => `\`dist/${entry.file}\` ${thousands(entry.bytes)} B`).join(', ')
  return [
    '### empty: fixed cost',
    '',
    table(
      ['', 'Wall (median)', 'Runs (ms)', 'CPU user+sys (median)', 'Peak RSS (median)'],
      [
        ['bare `node -e ""`', msText(bareWall), roundedList(empty.bareMs), '–', mib(median(empty.bareRssKb))],
        [
          '`node dist/index.js`',
          msText(emptyWall),
          roundedList(runs.map((run) => run.wallMs)),
          msText(median(defined(runs.map((run) => run.cpuMs)))),
          mib(median(defined(runs.map((run) => run.maxRssKb))))
        ],
        ['start-up over bare Node', msText(overNode), '', '', '']
      ],
      ['l', 'r', 'l', 'r', 'r']
    ),
    '',
    `Bundle: ${files}; JavaScript ${(javascript / 1024 / 1024).toFixed(2)} MiB (\`193.index.js\` holds the EC2 client and is loaded only for \`regions: all\`).`
  ].join('\n')
}

/** The manual loop against the action: time, requests, throttling and what each found. */
export function manualSection(manual: ManualResult): string {
  const manualWall = median(manual.manual.map((run) => run.wallMs))
  const actionWall = median(manual.action.runs.map((run) => run.wallMs))
  const manualCalls = median(manual.manual.map((run) => acmTotal(run.calls)))
  const actionCalls = median(manual.action.runs.map((run) => acmTotal(run.calls)))
  const flagged = sum(manual.regions.map((data) => data.flagged))
  const failed = manual.manualFailed ? ` (${manual.manualFailed} look-ups failed)` : ''
  return [
    '### manual: the usual script against the action, same emulator and data',
    '',
    table(
      ['', 'Wall (median)', 'ACM requests (median, throttled included)', 'Throttled (median)', 'Flagged certificates found'],
      [
        [
          'by hand: ListCertificates(ISSUED) + DescribeCertificate each, region after region',
          secs(manualWall),
          thousands(manualCalls),
          thousands(median(manual.manual.map((run) => run.throttled))),
          `${manual.manualFound} of ${flagged}${failed}`
        ],
        [
          'the action (start-up included)',
          secs(actionWall),
          thousands(actionCalls),
          thousands(Math.max(...manual.action.runs.map((run) => run.throttled))),
          `${flagged} of ${flagged}`
        ],
        [
          'action speed-up / call ratio',
          `**${ratioText(manualWall / actionWall)}**`,
          `**${ratioText(manualCalls / actionCalls)}** fewer`,
          '',
          ''
        ]
      ],
      ['l', 'r', 'r', 'r', 'l']
    ),
    '',
    "The manual loop sees only what `ListCertificates` returns by default: status ISSUED (so not the expired certificates) and RSA_1024/RSA_2048 keys (so not the EC_prime256v1 and RSA_4096 ones). It runs inside the bench process, so it pays no Node start-up; the action's wall time includes its own."
  ].join('\n')
}

/** The sections after the Targets: empty's fixed cost, then the manual comparison when it ran. */
export function sections(results: BenchResults): string[] {
  return [emptySection(results.empty, results.bundle), ...(results.manual ? [manualSection(results.manual)] : [])]
}
