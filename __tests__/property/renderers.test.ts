/**
 * Property-based tests of every renderer: whatever AWS or GitHub put in a domain name, a subject
 * alternative name, a tag value, a renewal status or reason, or an error message, the job summary and the
 * tracking issue keep their tables whole, emit no HTML element the renderer does not write itself, mention
 * nobody, and link only to addresses the action built (console links, the run, the tracking issue);
 * annotations stay one workflow command each. Markdown is rendered as GitHub renders it (see
 * github-markdown.ts).
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import fc from 'fast-check'
import { EOL } from 'node:os'
import * as core from '@actions/core'
import { annotate } from '../../src/github/publish.js'
import { planAnnotations } from '../../src/render/annotations.js'
import type { AuditReport } from '../../src/classify/report.js'
import { certificateConsoleUrl } from '../../src/render/console-links.js'
import { ISSUE_BODY_LIMIT, renderIssueBody } from '../../src/github/issue-body.js'
import { issueMarker, readState, type TrackedCertificate } from '../../src/github/issue-state.js'
import { code, escapeText, isSafeUrl, singleLine } from '../../src/render/markdown.js'
import { accountRollups, needsLook } from '../../src/render/account-rollup.js'
import { renderSummary, type SummaryExtras } from '../../src/render/summary.js'
import type { TrackingOutcome } from '../../src/types.js'
import { CLEANUP_SHOWN_OPEN, urgencyOf } from '../../src/classify/urgency.js'
import { ACCOUNTS, buildAuditReport, hostileText, ISSUE_URL, REGIONS, reportArbitrary, RUN_URL, runs } from './arbitraries.js'
import {
  elementNames,
  linkTargets,
  MENTION,
  proseText,
  renderLikeGitHub,
  sourceTargets,
  tableCells,
  tables,
  visibleText
} from './github-markdown.js'

const SUMMARY_ELEMENTS = new Set([
  'h2',
  'h3',
  'h4',
  'p',
  'blockquote',
  'strong',
  'ul',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'a',
  'code',
  'pre',
  'details',
  'summary',
  'sub',
  'br',
  'wbr'
])
const ISSUE_ELEMENTS = new Set(['h3', 'p', 'ul', 'li', 'input', 'code', 'pre', 'a', 'strong', 'em', 'del', 'blockquote'])

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u

/** A #-reference GitHub would link (#123), outside the links the action writes. */
const ISSUE_REFERENCE = /(?:^|[^\w&])#\d/u

function withoutLinks(html: string): string {
  return html.replace(/<a\s[^>]*>[\s\S]*?<\/a>/gu, ' ')
}

/** Checks that hold for any markdown the action writes: no foreign element, link, image or mention. */
function expectInert(
  html: string,
  allowedElements: ReadonlySet<string>,
  allowedLinks: ReadonlySet<string>,
  ownReferences: readonly string[] = []
): void {
  expect(elementNames(html).filter((name) => !allowedElements.has(name))).toEqual([])
  expect(linkTargets(html).filter((href) => !allowedLinks.has(href))).toEqual([])
  expect(sourceTargets(html)).toEqual([])
  expect(proseText(html)).not.toMatch(MENTION)
  // The renderer's own references (the tracking issue's number) are the only #-references allowed.
  const prose = ownReferences.reduce((text, own) => text.split(own).join(' '), proseText(withoutLinks(html)))
  expect(prose).not.toMatch(ISSUE_REFERENCE)
}

/** Every table keeps its column count on every row, as GitHub splits rows into cells. */
function expectWholeTables(markdown: string): string[][] {
  const found = tables(markdown)
  for (const table of found) {
    const width = tableCells(table[0] ?? '').length
    expect(table.map((line) => tableCells(line).length)).toEqual(table.map(() => width))
  }
  return found
}

function consoleLinks(report: AuditReport): Set<string> {
  return new Set(report.findings.map((finding) => certificateConsoleUrl(finding.region, finding.id)))
}

const trackingArbitrary: fc.Arbitrary<SummaryExtras> = fc.oneof(
  fc.constant({}),
  fc.record({ trackingError: hostileText }),
  fc.record({
    trackingIssue: fc.record({
      action: fc.constantFrom<TrackingOutcome['action']>('created', 'updated', 'unchanged', 'closed', 'none'),
      number: fc.integer({ min: 1, max: 1_000_000 }),
      url: fc.oneof(fc.constant(ISSUE_URL), hostileText)
    })
  })
)

describe('renderSummary', () => {
  it('keeps tables whole and everything from AWS or GitHub inert, whatever the strings hold', () => {
    fc.assert(
      fc.property(reportArbitrary(), trackingArbitrary, (spec, extras) => {
        const report = buildAuditReport(spec)
        const markdown = renderSummary(report, extras)

        const found = expectWholeTables(markdown)
        // The Accounts roll-up lists, when several accounts were audited, those with findings or failures.
        const accountsTable = report.accounts.length > 1 && accountRollups(report).some(needsLook)
        // One findings table per tier that has findings.
        const tierTables = new Set(report.findings.map(urgencyOf)).size
        const expectedTables = [
          report.failures.length > 0,
          ...Array.from({ length: tierTables }, () => true),
          accountsTable,
          report.ignored.length > 0,
          true
        ].filter(Boolean).length
        expect(found).toHaveLength(expectedTables)
        if (report.findings.length > 0) {
          const findingsTables = found.filter((table) => (table[0] ?? '').startsWith('| Status |'))
          expect(findingsTables.reduce((rows, table) => rows + table.length - 2, 0)).toBe(report.findings.length)
        }

        const html = renderLikeGitHub(markdown)
        const issueUrl = extras.trackingIssue?.url
        const links = new Set([...consoleLinks(report), ...(issueUrl && isSafeUrl(issueUrl) ? [issueUrl] : [])])
        const own =
          extras.trackingIssue && extras.trackingIssue.action !== 'none'
            ? [`Tracking issue #${extras.trackingIssue.number}:`]
            : []
        expectInert(html, SUMMARY_ELEMENTS, links, own)
        // Regions, ignored certificates, and a clean-up of more than a few.
        const cleanup = report.findings.filter((finding) => urgencyOf(finding) === 'cleanup').length
        expect(elementNames(html).filter((name) => name === 'details')).toHaveLength(
          1 + Number(report.ignored.length > 0) + Number(cleanup > CLEANUP_SHOWN_OPEN)
        )
        // Never all clear unless the audit was complete and found nothing.
        expect(visibleText(html).includes('All clear:')).toBe(report.complete && report.findings.length === 0)
      }),
      { numRuns: runs() }
    )
  })

  it('treats the account and certificate id inside ARNs as hostile too', () => {
    fc.assert(
      fc.property(reportArbitrary({ hostileIdentifiers: true }), (spec) => {
        const report = buildAuditReport(spec)
        const markdown = renderSummary(report)
        expectWholeTables(markdown)
        expectInert(renderLikeGitHub(markdown), SUMMARY_ELEMENTS, consoleLinks(report))
      }),
      { numRuns: runs() }
    )
  })

  it('builds every console link from a region name and an encoded id only', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REGIONS), fc.oneof(fc.uuid(), hostileText), (region, id) => {
        const url = certificateConsoleUrl(region, id)
        expect(isSafeUrl(url)).toBe(true)
        expect(url).toMatch(/^https:\/\/[a-z0-9.-]+\/acm\/home\?region=[a-z0-9-]+#\/certificates\/[A-Za-z0-9%._~-]*$/u)
        if (!LONE_SURROGATE.test(id))
          expect(decodeURIComponent(url.slice(url.indexOf('#/certificates/') + '#/certificates/'.length))).toBe(id)
      }),
      { numRuns: runs() }
    )
  })
})

describe('renderIssueBody', () => {
  const previousArbitrary: fc.Arbitrary<TrackedCertificate[]> = fc.array(
    fc.record({
      arn: fc.oneof(
        fc
          .tuple(fc.constantFrom(...REGIONS), fc.constantFrom(...ACCOUNTS), fc.uuid())
          .map(([region, account, id]) => `arn:aws:acm:${region}:${account}:certificate/${id}`),
        hostileText
      ),
      domain: hostileText
    }),
    { maxLength: 6 }
  )

  it('keeps the issue body inert, and links only to the console and the run', () => {
    fc.assert(
      fc.property(reportArbitrary(), previousArbitrary, hostileText, (spec, previous, title) => {
        const report = buildAuditReport(spec)
        const { body, listed } = renderIssueBody(report, { title, runUrl: RUN_URL, previous })
        expect(body.length).toBeLessThanOrEqual(ISSUE_BODY_LIMIT)
        expect(body.startsWith(`${issueMarker(title)}\n`)).toBe(true)
        expect(readState(body)).toEqual(listed.map((item) => ({ arn: item.arn, domain: item.domain.slice(0, 100) })))
        expectInert(renderLikeGitHub(body), ISSUE_ELEMENTS, new Set([...consoleLinks(report), RUN_URL]))
      }),
      { numRuns: runs() }
    )
  })

  it("stays within GitHub's limit and lists what fits, however many and however long the items", () => {
    const many = fc.record({
      count: fc.integer({ min: 0, max: 3_000 }),
      previous: fc.integer({ min: 0, max: 600 }),
      domainLength: fc.integer({ min: 1, max: 300 }),
      wide: fc.boolean()
    })
    fc.assert(
      fc.property(many, ({ count, previous, domainLength, wide }) => {
        const char = wide ? '\u0001' : 'a'
        const spec = {
          days: 30,
          certificates: Array.from({ length: count }, (_, i) => ({
            account: ACCOUNTS[i % 2] as string,
            region: REGIONS[i % REGIONS.length] as string,
            id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            domain: `${char.repeat(domainLength)}${i}`,
            subjectAlternativeNames: [],
            type: i % 3 === 0 ? 'IMPORTED' : 'AMAZON_ISSUED',
            offsetDays: (i % 60) - 29.5,
            inUse: true,
            renewalEligibility: 'ELIGIBLE',
            renewal: { status: 'FAILED', reason: 'CAA_ERROR' },
            inUseBy: [`arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/${char.repeat(domainLength)}/1`],
            replacement: undefined,
            snoozeTag: undefined,
            ignoredByPattern: undefined
          })),
          failures: []
        }
        const report = buildAuditReport(spec)
        const earlier = Array.from({ length: previous }, (_, i) => ({
          arn: `arn:aws:acm:us-east-1:111122223333:certificate/11111111-0000-4000-8000-${String(i).padStart(12, '0')}`,
          domain: `${char.repeat(domainLength)}resolved-${i}`
        }))
        const { body, listed } = renderIssueBody(report, {
          title: 'ACM certificates need renewal',
          runUrl: RUN_URL,
          previous: earlier
        })
        expect(body.length).toBeLessThanOrEqual(ISSUE_BODY_LIMIT)
        const omitted = /(\d[\d,]*) more certificates? did not fit in this issue/u.exec(body)?.[1]
        const notShown = Number((omitted ?? '0').replace(/,/gu, ''))
        // The earlier items were not checked by this report (no region of it was listed): they stay listed too.
        expect(listed.length + notShown).toBe(count + previous)
        // Something is always listed when there is something to list: the budget is not spent on what is left out.
        if (count > 0) expect(listed.length).toBeGreaterThan(0)
      }),
      { numRuns: runs(40) }
    )
  })
})

describe('annotations', () => {
  let writes: string[] = []
  afterEach(() => {
    jest.restoreAllMocks()
    writes = []
  })

  /** Undoes @actions/core's escaping of command data and properties. */
  const unescape = (text: string) =>
    text.replace(/%0D/gu, '\r').replace(/%0A/gu, '\n').replace(/%3A/gu, ':').replace(/%2C/gu, ',').replace(/%25/gu, '%')

  it('writes each annotation as exactly one workflow command whose title and message read back unchanged', () => {
    fc.assert(
      fc.property(reportArbitrary({ hostileIdentifiers: true, maxCertificates: 30, maxFailures: 12 }), (spec) => {
        const report = buildAuditReport(spec)
        writes = []
        jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
          writes.push(String(chunk))
          return true
        })
        annotate(report, core)
        jest.restoreAllMocks()

        const planned = planAnnotations(report)
        expect(planned.filter((annotation) => annotation.level === 'error').length).toBeLessThanOrEqual(10)
        expect(planned.filter((annotation) => annotation.level === 'warning').length).toBeLessThanOrEqual(10)
        expect(writes).toHaveLength(planned.length)
        writes.forEach((written, index) => {
          const annotation = planned[index]
          expect(written.endsWith(EOL)).toBe(true)
          const line = written.slice(0, -EOL.length)
          expect(line).not.toMatch(/[\r\n]/u)
          const match = /^::(error|warning|notice) title=([^:]*)::(.*)$/su.exec(line)
          expect(match).not.toBeNull()
          expect([match?.[1], unescape(match?.[2] ?? ''), unescape(match?.[3] ?? '')]).toEqual([
            annotation?.level,
            annotation?.title,
            annotation?.message
          ])
        })
      }),
      { numRuns: runs(60) }
    )
  })
})

describe('markdown helpers', () => {
  it('escapeText shows any text literally, in one paragraph, with mentions and references broken', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = renderLikeGitHub(escapeText(text))
        const flat = singleLine(text)
        expect(elementNames(html)).toEqual(flat === '' ? [] : ['p'])
        expect(
          visibleText(html)
            .replace(/\n$/u, '')
            .replace(/\u200b/gu, '')
        ).toBe(flat.replace(/\u200b/gu, ''))
        expect(proseText(html)).not.toMatch(MENTION)
        expect(proseText(html)).not.toMatch(ISSUE_REFERENCE)
      }),
      { numRuns: runs(500) }
    )
  })

  it('code shows any text literally in one code span, in prose and in a table cell', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const flat = singleLine(text)
        const prose = renderLikeGitHub(code(text))
        const cell = renderLikeGitHub(`| A | B |\n| - | - |\n| ${code(text, { inTable: true })} | z |\n`)
        if (flat === '') {
          expect(prose.trim()).toBe('<p>—</p>')
          return
        }
        expect(elementNames(prose)).toEqual(['p', 'code'])
        expect(visibleText(prose).replace(/\n$/u, '')).toBe(flat)
        expect(elementNames(cell)).toEqual(['table', 'thead', 'tr', 'th', 'th', 'tbody', 'tr', 'td', 'code', 'td'])
        expect(visibleText(/<td>[\s\S]*?<\/td>/u.exec(cell)?.[0] ?? '')).toBe(flat)
      }),
      { numRuns: runs(500) }
    )
  })
})
