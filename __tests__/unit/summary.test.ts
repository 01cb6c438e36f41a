import { describe, expect, it } from '@jest/globals'
import { certificateConsoleUrl } from '../../src/render/console-links.js'
import { renderSummary, SUMMARY_BYTE_BUDGET } from '../../src/render/summary.js'
import { elementNames, linkTargets, proseText, renderGfm } from '../helpers/render-markdown.js'
import { ACCOUNT, DAY, daysFromNow, failure, finding, ignored, NOW, report, scan } from './fixtures.js'
import { tableCells, tables } from './gfm-tables.js'

const ZWSP = '\u200B'
const REIMPORT_STEP =
  'Get a renewed certificate from its issuer and reimport it over the same ARN, so every resource using it picks it up.'

const importedFinding = (overrides: Parameters<typeof finding>[0] = {}) => {
  const base = finding({ type: 'IMPORTED', renewalEligibility: 'INELIGIBLE', ...overrides })
  return {
    ...base,
    action: 'reimport' as const,
    explanation: 'Imported certificate: ACM never renews it.',
    nextStep: REIMPORT_STEP,
    command: `aws acm import-certificate --region ${base.region} --certificate-arn ${base.arn} --certificate fileb://certificate.pem --private-key fileb://private-key.pem --certificate-chain fileb://certificate-chain.pem`,
    ...overrides
  }
}

/** Every table in the summary: each row must have as many cells as the header. */
function expectWellFormedTables(markdown: string): void {
  const found = tables(markdown)
  expect(found.length).toBeGreaterThan(0)
  for (const table of found) {
    const width = tableCells(table[0] ?? '').length
    for (const line of table) expect({ line, cells: tableCells(line).length }).toEqual({ line, cells: width })
  }
}

/** The table whose header row starts with the given cells. */
function tableStartingWith(markdown: string, header: string): string[] {
  const table = tables(markdown).find((lines) => (lines[0] ?? '').startsWith(header))
  if (!table) throw new Error(`no table starting with ${header}`)
  return table
}

describe('renderSummary', () => {
  describe('headline', () => {
    it('says all clear only for a complete audit with nothing flagged', () => {
      const markdown = renderSummary(report({ regions: [scan({ scanned: 12 })] }))
      expect(
        markdown.startsWith(
          '## ACM certificate expiry audit\n\n> [!NOTE]\n> **All clear:** no certificate expires within 30 days.\n'
        )
      ).toBe(true)
      expect(markdown.endsWith('\n')).toBe(true)
      expect(markdown).not.toContain('### What to do')
      expect(markdown).not.toContain('### Not read')
      expect(markdown).not.toContain('| Status |')
    })

    it('says 1 day in the singular', () => {
      expect(renderSummary(report({ days: 1 }))).toContain('> **All clear:** no certificate expires within 1 day.')
      expect(renderSummary(report({ ignored: [ignored(), ignored()] }))).toContain(
        '> **All clear:** no certificate expires within 30 days (2 ignored by pattern or tag: see below).'
      )
    })

    it('says the audit is incomplete, never all clear, when a region failed and nothing was flagged', () => {
      const markdown = renderSummary(report({ failures: [failure({ region: 'eu-west-1' })] }))
      expect(markdown).toContain(
        '> [!CAUTION]\n> **Incomplete audit:** 1 region or account could not be read completely, so certificates may be missing below.\n'
      )
      expect(markdown.toLowerCase()).not.toContain('all clear')
      expect(markdown).not.toContain('[!NOTE]')
    })

    it('never says all clear when the report is incomplete, even without a failure listed', () => {
      const markdown = renderSummary(report({ complete: false }))
      expect(markdown.toLowerCase()).not.toContain('all clear')
      expect(markdown).toContain('> [!CAUTION]')
    })

    it('counts several failures', () => {
      expect(renderSummary(report({ failures: [failure(), failure({ region: 'ap-south-1' })] }))).toContain(
        '**Incomplete audit:** 2 regions or accounts could not be read completely'
      )
    })

    it('says that every certificate was listed when only look-ups of flagged certificates failed', () => {
      const lookups = failure({
        account: ACCOUNT,
        region: 'us-east-1',
        message: 'The details of 1 flagged certificate could not be read'
      })
      const unread = finding({ unread: ['renewal status', 'resources'] })
      const markdown = renderSummary(
        report({
          findings: [unread, finding()],
          failures: [lookups],
          regions: [scan({ region: 'us-east-1', listed: true, findings: [unread, finding()], failure: lookups })]
        })
      )
      expect(markdown).toContain(
        '> **Incomplete audit:** every certificate was listed, but in 1 region the details of 1 flagged certificate could not be read: they are shown with what the listing said, and what to do may change once they are read. 2 certificates found so far need attention.\n'
      )
      expect(markdown).not.toContain('certificates may be missing')
      // A region whose listing failed too: certificates may be missing.
      const listingFailed = failure({ account: ACCOUNT, region: 'eu-west-1' })
      const both = renderSummary(
        report({
          findings: [unread],
          failures: [lookups, listingFailed],
          regions: [
            scan({ region: 'us-east-1', listed: true, findings: [unread], failure: lookups }),
            scan({ region: 'eu-west-1', failure: listingFailed })
          ]
        })
      )
      expect(both).toContain('2 regions or accounts could not be read completely, so certificates may be missing below.')
    })

    it('adds the findings so far to an incomplete headline', () => {
      expect(renderSummary(report({ findings: [finding()], failures: [failure()] }))).toContain(
        'so certificates may be missing below. 1 certificate found so far needs attention.\n'
      )
      const markdown = renderSummary(report({ findings: [finding(), finding({ state: 'expired' })], failures: [failure()] }))
      expect(markdown).toContain('so certificates may be missing below. 2 certificates found so far need attention.\n')
      expect(markdown).not.toContain('[!WARNING]')
    })

    it('warns with expired and expiring counts', () => {
      const markdown = renderSummary(report({ findings: [finding({ state: 'expired' }), finding(), finding()] }))
      expect(markdown).toContain('> [!WARNING]\n> **3 certificates need attention:** 1 expired, 2 expiring within 30 days.\n')
    })

    it('warns with only expiring or only expired certificates', () => {
      expect(renderSummary(report({ findings: [finding()] }))).toContain(
        '> [!WARNING]\n> **1 certificate needs attention:** 1 expiring within 30 days.\n'
      )
      expect(renderSummary(report({ findings: [finding({ state: 'expired' }), finding({ state: 'expired' })] }))).toContain(
        '> **2 certificates need attention:** 2 expired.\n'
      )
    })

    it('renders the headline as a blockquote alert', () => {
      const html = renderGfm(renderSummary(report({ failures: [failure()] })))
      expect(html).toContain('<blockquote>\n<p>[!CAUTION]')
    })
  })

  describe('facts', () => {
    it('gives scanned certificates, regions, accounts, threshold date and counts', () => {
      const markdown = renderSummary(
        report({
          findings: [finding()],
          ignored: [ignored(), ignored()],
          regions: [scan({ region: 'us-east-1', scanned: 1200 }), scan({ region: 'eu-west-1', scanned: 34 })],
          accounts: ['111122223333']
        })
      )
      expect(markdown).toContain(
        '\nScanned **1,234 certificates** in 2 regions of 1 account (111122223333) · threshold 30 days (until 2026-01-31) · flagged **1** · ignored **2**\n'
      )
    })

    it('leaves accounts out when none is known', () => {
      expect(renderSummary(report({ regions: [scan({ scanned: 1, account: undefined })], accounts: [] }))).toContain(
        '\nScanned **1 certificate** in 1 region · threshold 30 days (until 2026-01-31) · flagged **0** · ignored **0**\n'
      )
    })

    it('counts a region scanned in two accounts once', () => {
      expect(
        renderSummary(
          report({ regions: [scan({ account: '1' }), scan({ account: '2' })], accounts: ['111111111111', '222222222222'] })
        )
      ).toContain('in 1 region of 2 accounts (111111111111, 222222222222)')
    })
  })

  describe('findings tables', () => {
    const LB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef'
    const CF = 'arn:aws:cloudfront::111122223333:distribution/E2SHOP'

    it('has one row per finding in five columns: status, days left, certificate (account and region below), used by, action', () => {
      const item = importedFinding({
        id: 'cert-1',
        region: 'eu-west-1',
        domain: 'shop.example.com',
        daysLeft: 9,
        notAfter: new Date('2026-01-10T12:00:00.000Z'),
        inUse: true
      })
      const table = tableStartingWith(renderSummary(report({ findings: [item] })), '| Status |')
      expect(table).toEqual([
        '| Status | Days left | Certificate | Used by | Action |',
        '| :- | -: | - | - | - |',
        `| ⚠️ expiring | 9 | [shop.<wbr>example.<wbr>com](https://eu-west-1.console.aws.amazon.com/acm/home?region=eu-west-1#/certificates/cert-1)<br><sub>111122223333 · eu-west-1</sub> | yes | Reimport a renewed certificate |`
      ])
    })

    it('puts each tier in its own table under its heading: broken now, will break, then the clean-up', () => {
      const markdown = renderSummary(
        report({
          findings: [
            finding({
              domain: 'unused.example.com',
              state: 'expired',
              daysLeft: -9,
              notAfter: daysFromNow(-9),
              inUse: false,
              inUseBy: [],
              action: 'delete-unused'
            }),
            finding({ domain: 'soon.example.com', notAfter: daysFromNow(2), inUseBy: [LB] }),
            finding({
              domain: 'broken.example.com',
              state: 'expired',
              daysLeft: -2,
              notAfter: daysFromNow(-1.5),
              inUseBy: [LB, CF]
            })
          ]
        })
      )
      const headings = markdown.split('\n').filter((line) => line.startsWith('### '))
      expect(headings.slice(0, 4)).toEqual(['### 🔥 Broken now (1)', '### Will break (1)', '### What to do', '### Clean-up (1)'])
      const [broken, soon, cleanup] = tables(markdown)
      expect(tableCells(broken?.[2] ?? '')[0]).toBe('🔥 expired')
      expect(tableCells(broken?.[2] ?? '')[1]).toBe('1 day ago')
      expect(tableCells(broken?.[2] ?? '')[3]).toBe('**web** (load balancer)<br>**E2SHOP** (CloudFront distribution)')
      expect(tableCells(soon?.[2] ?? '')[2]).toContain('soon.<wbr>example.<wbr>com')
      expect(tableCells(cleanup?.[2] ?? '')[0]).toBe('❌ expired')
      expect(tableCells(cleanup?.[2] ?? '')[4]).toBe('Delete it\\: nothing uses it')
      expect(markdown.indexOf('broken.<wbr>example')).toBeLessThan(markdown.indexOf('soon.<wbr>example'))
    })

    it('names the broken-now certificates and their resources before anything else', () => {
      const markdown = renderSummary(
        report({
          findings: [
            finding({
              domain: 'a.example.com',
              region: 'eu-west-1',
              state: 'expired',
              daysLeft: -2,
              notAfter: daysFromNow(-2),
              inUseBy: [LB]
            }),
            finding({
              domain: 'b.example.com',
              region: 'us-east-1',
              state: 'expired',
              daysLeft: -1,
              notAfter: daysFromNow(-1),
              inUse: true,
              inUseBy: undefined
            }),
            finding({
              domain: 'c.example.com',
              state: 'expired',
              daysLeft: -1,
              notAfter: daysFromNow(-1),
              inUse: false,
              inUseBy: [],
              action: 'delete-unused'
            })
          ]
        })
      )
      expect(markdown).toContain(
        '## ACM certificate expiry audit\n\n> [!CAUTION]\n> **2 expired certificates are still attached:** `web` (load balancer, eu-west-1), `b.example.com` (in use, its resources not read, us-east-1). Clients of these resources are failing TLS now.\n\n> [!WARNING]'
      )
      expect(renderSummary(report({ findings: [finding({ state: 'expired', inUseBy: [CF] })] }))).toContain(
        '> **1 expired certificate is still attached:** `E2SHOP` (CloudFront distribution, us-east-1). Clients of this resource are failing TLS now.'
      )
      expect(renderSummary(report({ findings: [finding()] }))).not.toContain('still attached')
    })

    it('collapses the clean-up when it holds more than a few certificates', () => {
      const unused = (n: number) =>
        finding({
          domain: `unused-${n}.example.com`,
          notAfter: daysFromNow(n),
          inUse: false,
          inUseBy: [],
          action: 'delete-unused'
        })
      const few = renderSummary(report({ findings: [1, 2, 3].map(unused) }))
      expect(few).toContain('### Clean-up (3)')
      expect(few).not.toContain('<details><summary><strong>Clean-up')
      const many = renderSummary(report({ findings: [finding({ inUseBy: [LB] }), ...[1, 2, 3, 4].map(unused)] }))
      expect(many).toContain('<details><summary><strong>Clean-up (4)</strong>: 4 certificates nothing uses</summary>')
      expect(many.indexOf('### What to do')).toBeLessThan(many.indexOf('<strong>Clean-up (4)'))
    })

    it('marks expired certificates and says how long ago, rounded down (3 days and 5 hours ago is 3 days)', () => {
      const expiredAt = new Date(NOW.getTime() - 3 * DAY - 5 * 3_600_000)
      const table = tableStartingWith(
        renderSummary(report({ findings: [finding({ state: 'expired', daysLeft: -4, notAfter: expiredAt, inUse: false })] })),
        '| Status |'
      )
      const cells = tableCells(table[2] ?? '')
      expect(cells[0]).toBe('❌ expired')
      expect(cells[1]).toBe('3 days ago')
      expect(cells[3]).toBe('no')
    })

    it('gives type, renewal, expiry date and ARN in the certificate\'s entry under "What to do"', () => {
      const markdown = renderSummary(
        report({
          findings: [
            finding({ domain: 'a.example.com', renewalStatus: 'FAILED', renewalReason: 'CAA_ERROR', notAfter: daysFromNow(1) }),
            finding({ domain: 'b.example.com', renewalEligibility: undefined, notAfter: daysFromNow(4) }),
            importedFinding({ domain: 'c.example.com', notAfter: new Date('2026-01-06T00:00:00Z') })
          ]
        })
      )
      const facts = markdown.split('\n').filter((line) => line.startsWith('  `') && line.includes(' · ARN '))
      expect(facts).toHaveLength(3)
      expect(facts[0]).toMatch(
        /^ {2}`AMAZON_ISSUED` · renewal `FAILED` `CAA_ERROR` · expires 2026-01-02 · ARN `arn:aws:acm:us-east-1:/u
      )
      expect(facts[1]).toContain('· renewal — ·')
      expect(facts[2]).toContain('`IMPORTED` · renewal never (imported) · expires 2026-01-06 · ARN')
    })

    it('links the certificate id when there is no domain', () => {
      const table = tableStartingWith(
        renderSummary(report({ findings: [finding({ domain: '', id: 'only-id', region: 'cn-north-1' })] })),
        '| Status |'
      )
      expect(tableCells(table[2] ?? '')[2]).toBe(
        '[only-<wbr>id](https://cn-north-1.console.amazonaws.cn/acm/home?region=cn-north-1#/certificates/only-id)<br><sub>111122223333 · cn-north-1</sub>'
      )
    })

    it('keeps the order of the report within a tier (soonest first)', () => {
      const markdown = renderSummary(
        report({
          findings: [
            finding({ domain: 'first.example.com', notAfter: daysFromNow(1) }),
            finding({ domain: 'second.example.com', notAfter: daysFromNow(2) })
          ]
        })
      )
      expect(markdown.indexOf('`first.example.com`')).toBeLessThan(markdown.indexOf('`second.example.com`'))
    })

    it('has no account column, whatever the number of accounts: the account is under the domain', () => {
      const markdown = renderSummary(
        report({
          findings: [finding({ account: '111111111111', region: 'eu-west-1' }), finding({ account: '222222222222' })],
          regions: [
            scan({ account: '222222222222', region: 'us-east-1' }),
            scan({ account: '111111111111', region: 'eu-west-1' })
          ]
        })
      )
      const table = tableStartingWith(markdown, '| Status |')
      expect(table[0]).toBe('| Status | Days left | Certificate | Used by | Action |')
      expect(tableCells(table[2] ?? '')[2]).toContain('<br><sub>111111111111 · eu-west-1</sub>')
      expect(tableStartingWith(markdown, '| Account | Region |')[0]).toBe(
        '| Account | Region | Read | Certificates | Flagged | Ignored | Pages | Time |'
      )
      expectWellFormedTables(markdown)
    })
  })

  describe('hostile names', () => {
    const hostileDomains = [
      'a|b.example.com',
      '| x | y | z |',
      '`tick`.example.com',
      '```fence```',
      'line\nbreak\r\n.example.com',
      '<script>alert(1)</script>.example.com',
      '<img src=x onerror=alert(1)>',
      '@someone.example.com',
      '#123.example.com',
      'www.evil.example',
      'http://evil.example/x',
      '[link](https://evil.example)',
      '**bold**_em_',
      'tab\there\u0000nul\u2028sep',
      'back\\slash\\',
      'x\\|y'
    ]
    const hostile = hostileDomains.map((domain, index) =>
      finding({
        domain,
        id: `id-${index}`,
        notAfter: daysFromNow(index),
        renewalStatus: 'FAILED',
        renewalReason: `reason|${domain}`,
        explanation: `Failed for ${domain} @someone #1 <b>bold</b> | pipe`,
        action: 'fix-renewal',
        nextStep: `Fix ${domain} <i>now</i> @team`
      })
    )
    const hostileReport = report({
      findings: hostile,
      ignored: hostileDomains.map((domain) => ignored({ domain, reason: `tag team=${domain}` })),
      failures: [failure({ region: 'eu-west-1', account: '111122223333', message: 'denied | <b>x</b> @someone\nnext line' })]
    })
    const markdown = renderSummary(hostileReport)

    it('keeps the number of cells of every row of every table', () => {
      expect(tables(markdown)).toHaveLength(4)
      expectWellFormedTables(markdown)
      expect(tableStartingWith(markdown, '| Status |')).toHaveLength(2 + hostileDomains.length)
      expect(tableStartingWith(markdown, '| Domain |')).toHaveLength(2 + hostileDomains.length)
    })

    it('keeps every table row on one line', () => {
      const rows = tableStartingWith(markdown, '| Status |').slice(2)
      rows.forEach((row, index) => {
        expect(row.endsWith(' |')).toBe(true)
        expect(tableCells(row)[1]).toBe(String(hostile[index]?.daysLeft))
        expect(tableCells(row)[4]).toBe('Fix renewal')
      })
    })

    it('renders the same HTML elements as plain names would, and no link but the console links', () => {
      // micromark splits cells at `\\|` where GitHub does not (see gfm-tables.ts), so render without those names.
      const keep = (domain: string) => !domain.includes('\\')
      const safeForMicromark = report({
        findings: hostile.filter((item) => keep(item.domain)),
        ignored: hostileReport.ignored.filter((item) => keep(item.domain)),
        failures: hostileReport.failures
      })
      const plain = report({
        findings: safeForMicromark.findings.map((item, index) => ({
          ...item,
          domain: `plain-${index}.example.com`,
          renewalReason: 'reason',
          explanation: 'Failed.',
          nextStep: `Fix plain-${index}.`
        })),
        ignored: safeForMicromark.ignored.map((item, index) => ({
          ...item,
          domain: `plain-${index}.example.com`,
          reason: 'tag team'
        })),
        failures: [failure({ region: 'eu-west-1', account: '111122223333', message: 'denied' })]
      })
      const html = renderGfm(renderSummary(safeForMicromark))
      // Names may wrap after dots and dashes (<wbr>): how many depends on the name.
      const elements = (text: string) => elementNames(text).filter((name) => name !== 'wbr')
      expect(elements(html)).toEqual(elements(renderGfm(renderSummary(plain))))
      expect(elementNames(html)).not.toContain('script')
      const links = linkTargets(html)
      expect(links).toHaveLength(safeForMicromark.findings.length)
      for (const link of links) {
        expect(link).toMatch(
          /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/acm\/home\?region=us-east-1#\/certificates\/id-\d+$/u
        )
      }
    })

    it('leaves no live @-mention or #-reference in the prose', () => {
      const prose = proseText(renderGfm(markdown))
      expect(prose).not.toMatch(/@(?!\u200B)/u)
      expect(prose).not.toMatch(/(^|\s)#(?!\u200B)\d/u)
      expect(prose).toContain(`@${ZWSP}someone`)
    })

    it('shows each domain, flattened, inside a code span', () => {
      const html = renderGfm(markdown)
      expect(html).toContain('<code>&lt;script&gt;alert(1)&lt;/script&gt;.example.com</code>')
      expect(html).toContain('<code>line break .example.com</code>')
      expect(html).toContain('<code>a|b.example.com</code>')
      expect(html).toContain('<code>`tick`.example.com</code>')
      expect(html).toContain('<code>@someone.example.com</code>')
    })
  })

  describe('byte budget', () => {
    const many = (count: number) =>
      Array.from({ length: count }, (_, index) =>
        finding({
          domain: `${String(index).padStart(4, '0')}-${'long-label.'.repeat(20)}example.com`,
          notAfter: daysFromNow(index / 100)
        })
      )

    it('is 900 KiB by default', () => {
      expect(SUMMARY_BYTE_BUDGET).toBe(921_600)
    })

    it('shows every finding when the summary fits', () => {
      const markdown = renderSummary(report({ findings: many(20) }))
      expect(tableStartingWith(markdown, '| Status |')).toHaveLength(22)
      expect(markdown).not.toContain('not shown here')
    })

    it.each([20_000, 50_000, 123_456])('stays under a budget of %d bytes and says how many are not shown', (budget) => {
      const findings = many(300)
      const markdown = renderSummary(report({ findings }), { budget })
      expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThanOrEqual(budget)
      const shown = tableStartingWith(markdown, '| Status |').length - 2
      expect(shown).toBeGreaterThan(0)
      expect(shown).toBeLessThan(300)
      expect(markdown).toContain(
        `\n${300 - shown} more flagged certificates not shown here, to keep the summary under GitHub's size limit: all of them are in the \`findings\` output and the report file.\n`
      )
      // The most urgent are the ones kept.
      expect(markdown).toContain('`0000-')
      expectWellFormedTables(markdown)
    })

    it('counts bytes, not characters', () => {
      const wide = Array.from({ length: 200 }, (_, index) => finding({ domain: `${index}-${'ü'.repeat(200)}.example.com` }))
      const budget = 60_000
      const markdown = renderSummary(report({ findings: wide }), { budget })
      expect(markdown.length).toBeLessThan(budget)
      expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThanOrEqual(budget)
    })

    it('stays under the default budget with many findings', () => {
      const markdown = renderSummary(report({ findings: many(2500) }))
      expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThanOrEqual(SUMMARY_BYTE_BUDGET)
      expect(markdown).toMatch(/\n\d{1,3}(,\d{3})* more flagged certificates not shown here/u)
    })
  })

  describe('ignored section', () => {
    it('lists ignored certificates in a collapsed table', () => {
      const markdown = renderSummary(
        report({
          ignored: [
            ignored({
              domain: 'dev.example.com',
              region: 'eu-west-1',
              daysLeft: 3,
              notAfter: new Date('2026-01-04T00:00:00Z'),
              reason: 'matches ignore pattern *.example.com'
            }),
            ignored({
              domain: '',
              id: 'ignored-id',
              region: 'us-east-1',
              daysLeft: -1,
              reason: 'snoozed until 2026-02-01 by tag snooze'
            })
          ]
        })
      )
      expect(markdown).toContain(
        '<details><summary>Ignored certificates (2)</summary>\n\n| Domain | Region | Days left | Expires (UTC) | Why ignored |\n| - | - | - | - | - |\n'
      )
      expect(markdown).toContain('| `dev.example.com` | `eu-west-1` | 3 | 2026-01-04 | matches ignore pattern \\*.example.com |')
      expect(markdown).toContain('| `ignored-id` | `us-east-1` | -1 |')
      expect(markdown).toContain('</details>')
      expect(markdown).not.toContain('more ignored certificate')
    })

    it('has no ignored section when nothing was ignored', () => {
      expect(renderSummary(report({ findings: [finding()] }))).not.toContain('Ignored certificates')
    })

    it('shows at most 50 ignored certificates beside few findings, and counts the rest', () => {
      const markdown = renderSummary(report({ ignored: Array.from({ length: 61 }, () => ignored()) }))
      expect(tableStartingWith(markdown, '| Domain |')).toHaveLength(52)
      expect(markdown).toContain('\n11 more ignored certificates in the report file.\n')
    })

    it('says 1 more ignored certificate in the singular', () => {
      expect(renderSummary(report({ ignored: Array.from({ length: 51 }, () => ignored()) }))).toContain(
        '\n1 more ignored certificate in the report file.\n'
      )
    })
  })

  describe('what to do', () => {
    it('gives each certificate its own entry with its command in a shell block', () => {
      const first = importedFinding({ domain: 'a.example.com', region: 'us-east-1', notAfter: daysFromNow(1.5) })
      const second = importedFinding({ domain: 'b.example.com', region: 'eu-west-1', notAfter: daysFromNow(2.5) })
      const markdown = renderSummary(report({ findings: [first, second] }))
      expect(markdown).toContain(
        [
          '### What to do',
          '',
          '#### Will break',
          '',
          `- ⚠️ **\`a.example.com\`** in \`us-east-1\`, account \`111122223333\`: 1 day left. **reimport**: Imported certificate\\: ACM never renews it. Next: ${REIMPORT_STEP}`,
          '',
          `  \`IMPORTED\` · renewal never (imported) · expires 2026-01-02 · ARN \`${first.arn}\``,
          '',
          '  ```sh',
          `  ${first.command}`,
          '  ```'
        ].join('\n')
      )
      const html = renderGfm(markdown)
      expect(html).toContain(`<pre><code class="language-sh">${first.command}\n`)
      expect(html).toContain(`<pre><code class="language-sh">${second.command}\n`)
    })

    it('starts with the most urgent certificate, not with a kind of action', () => {
      const LB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/0123456789abcdef'
      const markdown = renderSummary(
        report({
          findings: [
            finding({ domain: 'replace.example.com', action: 'attach-replacement', notAfter: daysFromNow(16), inUseBy: [LB] }),
            finding({
              domain: 'critical.example.com',
              critical: true,
              action: 'reimport',
              notAfter: daysFromNow(5),
              inUseBy: [LB]
            }),
            finding({
              domain: 'broken.example.com',
              state: 'expired',
              action: 'fix-renewal',
              notAfter: daysFromNow(-40),
              inUseBy: [LB]
            })
          ]
        })
      )
      const whatToDo = markdown.slice(markdown.indexOf('### What to do'))
      const entries = whatToDo.split('\n').filter((line) => line.startsWith('- '))
      expect(entries.map((line) => /`([^`]+)`/u.exec(line)?.[1])).toEqual([
        'broken.example.com',
        'critical.example.com',
        'replace.example.com'
      ])
      expect(entries[0]).toMatch(
        /^- 🔥 \*\*`broken.example.com`\*\* in `us-east-1`, account `111122223333`: expired 40 days ago\./u
      )
      expect(entries[1]).toMatch(/^- 🚨 /u)
      expect(whatToDo.indexOf('#### 🔥 Broken now')).toBeLessThan(whatToDo.indexOf('#### Will break'))
    })

    it('cannot be broken out of by a domain or a command', () => {
      const item = importedFinding({
        domain: '```\n<script>x</script>',
        region: 'us-east-1',
        command: 'echo ```\n<script>y</script>'
      })
      const html = renderGfm(renderSummary(report({ findings: [item] })))
      expect(html).toContain('<code>``` &lt;script&gt;x&lt;/script&gt;</code>')
      expect(html).toContain('<pre><code class="language-sh">echo ```\n&lt;script&gt;y&lt;/script&gt;\n</code></pre>')
      expect(elementNames(html)).not.toContain('script')
    })

    it('gives each certificate its explanation and next step, escaped', () => {
      const markdown = renderSummary(
        report({
          findings: [
            finding({
              domain: 'caa.example.com',
              notAfter: daysFromNow(3),
              action: 'fix-renewal',
              explanation: 'Managed renewal failed (CAA_ERROR).',
              nextStep: 'Check CAA records allow amazon.com.'
            })
          ]
        })
      )
      expect(markdown).toContain(
        '- ⚠️ **`caa.example.com`** in `us-east-1`, account `111122223333`: 3 days left. **fix-renewal**: Managed renewal failed \\(CAA\\_ERROR\\). Next: Check CAA records allow amazon.com.\n'
      )
    })

    it('shows the what-to-do section only for the rows shown', () => {
      const findings = Array.from({ length: 40 }, (_, index) =>
        finding({ domain: `${String(index).padStart(2, '0')}-${'x'.repeat(400)}.example.com`, notAfter: daysFromNow(index) })
      )
      const markdown = renderSummary(report({ findings }), { budget: 30_000 })
      const shown = tableStartingWith(markdown, '| Status |').length - 2
      expect(shown).toBeLessThan(40)
      expect(markdown.split('\n').filter((line) => line.startsWith('- ⚠️ **`'))).toHaveLength(shown)
      expect(markdown).toContain(`### Will break (40)`)
    })
  })

  describe('tracking issue line', () => {
    const plain = report({ findings: [finding()] })

    it('is absent without tracking', () => {
      expect(renderSummary(plain)).not.toContain('Tracking issue')
      expect(renderSummary(plain, { trackingIssue: { action: 'none' } })).not.toContain('Tracking issue')
      expect(renderSummary(plain, { trackingIssue: { action: 'updated' } })).not.toContain('Tracking issue')
    })

    it.each(['created', 'updated', 'unchanged', 'closed'] as const)('links the issue when it was %s', (action) => {
      const markdown = renderSummary(plain, { trackingIssue: { action, number: 42, url: 'https://github.com/o/r/issues/42' } })
      expect(markdown).toContain(`\n\nTracking issue [#42](https://github.com/o/r/issues/42): ${action}.\n`)
    })

    it('comes right after the facts line', () => {
      const markdown = renderSummary(plain, {
        trackingIssue: { action: 'created', number: 7, url: 'https://github.com/o/r/issues/7' }
      })
      expect(markdown).toMatch(/ · ignored \*\*0\*\*\n\nTracking issue \[#7\]/u)
    })

    it.each([
      ['javascript:alert(1)'],
      ['https://github.com/o/r/issues/1) [x](https://evil.example'],
      ['https://evil.example/ "title"'],
      ['']
    ])('does not link an unsafe or missing URL (%j)', (url) => {
      const markdown = renderSummary(plain, { trackingIssue: { action: 'updated', number: 5, url } })
      expect(markdown).toContain('\n\nTracking issue #5: updated.\n')
      expect(linkTargets(renderGfm(markdown)).every((link) => link.includes('console.aws.amazon.com'))).toBe(true)
    })

    it('reports a tracking error, escaped, instead of the issue', () => {
      const markdown = renderSummary(plain, {
        trackingError: 'Resource not accessible by integration <b>@admin</b>',
        trackingIssue: { action: 'created', number: 3, url: 'https://github.com/o/r/issues/3' }
      })
      expect(markdown).toContain(
        `\n\n**Tracking issue not updated:** Resource not accessible by integration &lt;b&gt;\\@${ZWSP}admin&lt;/b&gt;\n`
      )
      expect(markdown).not.toContain('[#3]')
    })
  })

  describe('not read section', () => {
    it('lists failures with escaped messages', () => {
      const markdown = renderSummary(
        report({ failures: [failure({ region: 'eu-west-1', message: 'AccessDenied: <no> | @ops' })] })
      )
      expect(markdown).toContain(
        `### Not read\n\n| Region | Error |\n| - | - |\n| \`eu-west-1\` | AccessDenied\\: &lt;no&gt; &#124; \\@${ZWSP}ops |`
      )
    })

    it('adds the account column when a failure names its account', () => {
      const markdown = renderSummary(
        report({
          failures: [
            failure({ account: '111122223333', region: 'eu-west-1', message: 'x' }),
            failure({ account: undefined, region: 'us-east-1', message: 'y' })
          ]
        })
      )
      expect(markdown).toContain(
        '| Account | Region | Error |\n| - | - | - |\n| `111122223333` | `eu-west-1` | x |\n| `—` | `us-east-1` | y |'
      )
    })

    it('says all regions for an account-wide failure', () => {
      const markdown = renderSummary(
        report({ failures: [failure({ account: '111122223333', region: '*', message: 'AssumeRole denied' })] })
      )
      expect(markdown).toContain('| `111122223333` | all regions | AssumeRole denied |')
    })
  })

  describe('regions section', () => {
    it('lists each region scan, sorted, with its numbers', () => {
      const markdown = renderSummary(
        report({
          regions: [
            scan({
              region: 'us-east-1',
              scanned: 1500,
              pages: 2,
              durationMs: 2345,
              findings: [finding(), finding()],
              ignored: [ignored()]
            }),
            scan({ region: 'eu-west-1', scanned: 0, pages: 0, durationMs: 260, failure: failure({ region: 'eu-west-1' }) })
          ],
          failures: [failure({ region: 'eu-west-1' })]
        })
      )
      expect(markdown).toContain(
        [
          '<details><summary>Regions (2)</summary>',
          '',
          '| Region | Read | Certificates | Flagged | Ignored | Pages | Time |',
          '| - | - | - | - | - | - | - |',
          '| `eu-west-1` | ❌ failed | 0 | 0 | 0 | 0 | 0.3 s |',
          '| `us-east-1` | ✅ read | 1,500 | 2 | 1 | 2 | 2.3 s |',
          '',
          '</details>'
        ].join('\n')
      )
      expect(markdown.endsWith('</details>\n')).toBe(true)
    })
  })

  it('renders the same summary for the same report', () => {
    const value = report({ findings: [finding({ id: 'fixed' })], regions: [scan({ scanned: 3 })] })
    expect(renderSummary(value)).toBe(renderSummary(value))
    expect(value.now).toBe(NOW)
  })

  it('links each finding to its console page', () => {
    const item = finding({ id: 'abc/def', region: 'us-gov-west-1' })
    expect(linkTargets(renderGfm(renderSummary(report({ findings: [item] }))))).toEqual([
      certificateConsoleUrl('us-gov-west-1', 'abc/def')
    ])
  })
})
