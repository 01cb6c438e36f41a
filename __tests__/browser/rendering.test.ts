/**
 * The demo's job summary and tracking issue, rendered as GitHub renders them and opened in headless Chromium
 * at the width of a job-summary pane: no table scrolls sideways, and the first certificate a person sees is
 * the most urgent one. A summary of realistic long names (60-character domains, organization account names,
 * two resources per certificate) must fit too.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildReport } from '../../src/classify/report.js'
import { renderSummary } from '../../src/render/summary.js'
import { ROOT } from '../../emulator/run-action.js'
import { checkPages, overflowing, type PageMeasure } from '../../scripts/browser.js'
import { demoRun } from '../../scripts/demo-run.js'
import { issueExcerpt, readExcerpt, summaryExcerpt, withoutDates } from '../../scripts/demo-excerpts.js'
import { githubPage } from '../../scripts/github-view.js'
import { daysFromNow, finding, NOW, scan } from '../unit/fixtures.js'

interface DemoFinding {
  domain: string
  urgency: string
  notAfter: string
  state: string
}

/** The most urgent certificate, worked out from the findings output on its own terms: expired and in use, longest expired. */
function mostUrgent(findings: readonly DemoFinding[]): string | undefined {
  const broken = findings.filter((finding) => finding.urgency === 'broken')
  return [...broken].sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter))[0]?.domain
}

/** A summary of long, realistic names: 60-character domains, named accounts, two resources per certificate. */
function longNamesSummary(): string {
  const label = (n: number) => `service-${String(n).padStart(2, '0')}-payments-gateway`
  const findings = Array.from({ length: 8 }, (_, n) => {
    const region = ['ap-southeast-2', 'eu-central-1', 'us-gov-west-1', 'ca-central-1'][n % 4] ?? 'us-east-1'
    const domain = `${label(n)}.internal.eu.example-company.com`.slice(0, 60)
    const expired = n < 2
    return finding({
      domain,
      region,
      account: `21098765432${n % 10}`,
      accountName: `production-payments-platform-${n}`,
      state: expired ? 'expired' : 'expiring',
      daysLeft: expired ? -3 : n * 3,
      notAfter: daysFromNow(expired ? -3 : n * 3 + 0.5),
      critical: !expired && n * 3 <= 7,
      inUseBy: [
        `arn:aws:elasticloadbalancing:${region}:210987654321:loadbalancer/app/${label(n)}-alb/50dc6c495c0c9188`,
        `arn:aws:apigateway:${region}::/domainnames/api.${domain}`
      ],
      action: n % 2 === 0 ? 'attach-replacement' : 'not-eligible',
      explanation: 'A long explanation that wraps over several lines in the entry under What to do.',
      nextStep: 'Move every resource to the replacement, then delete this certificate once nothing uses it.'
    })
  })
  const report = buildReport({
    now: NOW,
    days: 30,
    criticalDays: 7,
    regions: [scan({ account: '210987654321', region: 'ap-southeast-2', findings, scanned: 40 })],
    // An organization's failure: a long message with ARNs in it, as AWS words them.
    setupFailures: [
      {
        account: '456789012345',
        region: '*',
        code: 'AccessDenied',
        message: `Could not assume arn:aws:iam::456789012345:role/acm-expiry-audit-member-role-for-the-organization in sandbox-1 (456789012345): AWS denied sts:AssumeRole. ${'Deploy the member role to this account with iam/member-role.yaml, its trust policy naming the audit role. '.repeat(6)}AWS said: User: arn:aws:sts::111122223333:assumed-role/acm-expiry-audit-management/GitHubActions is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::456789012345:role/acm-expiry-audit-member-role-for-the-organization`
      }
    ],
    accountNames: { '456789012345': 'sandbox-1' }
  })
  return renderSummary(report)
}

describe('the summary and the tracking issue in a browser, as GitHub shows them', () => {
  let measures: PageMeasure[] = []
  let expectedFirst: string | undefined
  let summary = ''
  let issueBody = ''
  const pages: Record<string, string> = {}

  beforeAll(async () => {
    const { run, issue } = await demoRun()
    summary = run.summary
    issueBody = issue?.body ?? ''
    expectedFirst = mostUrgent(JSON.parse(run.outputs.findings ?? '[]') as DemoFinding[])
    const folder = join(ROOT, 'demo-output')
    await mkdir(folder, { recursive: true })
    pages.summary = githubPage(summary, 'summary')
    pages.issue = githubPage(issueBody, 'issue', { issue: true })
    measures = await checkPages([
      { name: 'summary', html: pages.summary, screenshot: join(folder, 'job-summary.png') },
      { name: 'issue', html: pages.issue, screenshot: join(folder, 'tracking-issue.png') },
      { name: 'long names', html: githubPage(longNamesSummary(), 'long names') }
    ])
  }, 180_000)

  afterAll(() => {
    measures = []
  })

  it('renders the alerts as GitHub does, never as [!CAUTION] text', () => {
    for (const html of [pages.summary, pages.issue]) {
      expect(html).toMatch(
        /<div class="markdown-alert markdown-alert-caution"><p class="markdown-alert-title"><svg [^>]*>[\s\S]*?<\/svg>Caution<\/p>/u
      )
      expect(html).not.toContain('[!')
    }
  })

  it("matches the README's excerpts (made by npm run docs:demo from one demo run), which agree with each other", async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
    const shownSummary = readExcerpt(readme, 'summary')
    const shownIssue = readExcerpt(readme, 'issue')
    // Dates move with the clock; everything else, days included, is what a run prints today.
    expect(withoutDates(shownSummary)).toBe(withoutDates(summaryExcerpt(summary)))
    expect(withoutDates(shownIssue)).toBe(withoutDates(issueExcerpt(issueBody)))
    // The same certificate is as many days from expiry in both: "40 days ago" in the table is "expired 40 days
    // ago" in the issue, "5" is "5 days left".
    const tableDays = new Map(
      [...shownSummary.matchAll(/^\| (?:🔥|❌|🚨|⚠️) \w+ \| ([^|]+?) \| \[([^\]]+)\]/gmu)].map((match) => [
        (match[2] ?? '').replace(/<wbr>/gu, ''),
        match[1] ?? ''
      ])
    )
    const issueDays = [...shownIssue.matchAll(/`([^`]+)`: \*\*(?:expired )?([^*]+?)\*\*/gu)].map((match) => ({
      domain: match[1] ?? '',
      days: (match[2] ?? '').replace(/ days? left$/u, '')
    }))
    expect(issueDays.length).toBeGreaterThanOrEqual(2)
    for (const { domain, days } of issueDays) expect({ domain, days }).toEqual({ domain, days: tableDays.get(domain) })
  })

  const page = (name: string) => {
    const found = measures.find((measure) => measure.name === name)
    if (!found) throw new Error(`page ${name} was not measured`)
    return found
  }

  it('shows the most urgent certificate first: the one expired longest that is still in use', () => {
    expect(expectedFirst).toBe('old.example.com.au')
    expect(page('summary').firstFinding).toContain('old.example.com.au')
    expect(page('issue').firstFinding).toContain('old.example.com.au')
  })

  it('scrolls no table, nor the page, sideways', () => {
    for (const name of ['summary', 'issue', 'long names']) {
      expect({ name, overflowing: overflowing(page(name)) }).toEqual({ name, overflowing: [] })
      // Something was measured: the tables of the summary, the column and the page.
      expect(page(name).boxes.length).toBeGreaterThanOrEqual(2)
    }
    expect(page('summary').boxes.filter((box) => box.what.startsWith('table')).length).toBeGreaterThanOrEqual(4)
  })

  it("puts a heading before every table (or a collapsed section's title)", () => {
    for (const name of ['summary', 'long names']) {
      expect({ name, headed: page(name).headed }).toEqual({ name, headed: page(name).headed.map(() => true) })
    }
    // The long-names summary has the "Not read" table right before the findings tables.
    expect(page('long names').headers[0]).toEqual(['Account', 'Region', 'Error'])
  })

  it('keeps the findings tables to five columns, Days left and Action among them', () => {
    const findingsTables = page('summary').headers.filter((header) => header[0] === 'Status')
    expect(findingsTables.length).toBe(3)
    for (const header of [...findingsTables, ...page('long names').headers.filter((cells) => cells[0] === 'Status')]) {
      expect(header).toEqual(['Status', 'Days left', 'Certificate', 'Used by', 'Action'])
    }
  })
})
