import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from '../../emulator/run-action.js'
import { alignedTable, COLOURS, paletteFor, PLAIN, readableLog, summaryPage } from '../../scripts/demo-view.js'

describe('the demo view', () => {
  it('colours only a terminal without NO_COLOR', () => {
    expect(paletteFor({ isTTY: true }, {})).toBe(COLOURS)
    expect(paletteFor({ isTTY: false }, {})).toBe(PLAIN)
    expect(paletteFor({ isTTY: true }, { NO_COLOR: '1' })).toBe(PLAIN)
  })

  it('aligns columns by the characters shown, ignoring colour codes', () => {
    const table = alignedTable(
      ['A', 'Long header'],
      [
        [COLOURS.red('x'), 'y'],
        ['wide cell', 'z']
      ],
      COLOURS
    )
    // eslint-disable-next-line no-control-regex
    const lines = table.split('\n').map((line) => line.replace(/\u001b\[\d+m/gu, ''))
    expect(lines).toEqual(['A          Long header', '─────────  ───────────', 'x          y', 'wide cell  z'])
  })

  it('shows workflow commands as the Actions log does', () => {
    const log = readableLog(
      '::debug::hidden\n::group::us-east-1: 2 flagged\nPages read: 1\n::endgroup::\n::error title=T::a%0Ab',
      PLAIN
    )
    expect(log).toBe('▸ us-east-1: 2 flagged\n  Pages read: 1\nerror: a\nb')
  })

  it('renders the summary as an HTML page with its table', () => {
    const html = summaryPage('## Title\n\n| a | b |\n| - | - |\n| `1` | 2 |\n')
    expect(html).toContain('<h2>Title</h2>')
    expect(html).toContain('<td><code>1</code></td>')
  })
})

describe('npm run demo', () => {
  it('runs the bundled action on the sample data and writes the summary as markdown and HTML', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'demo.ts')],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }
      }
    )
    expect(stdout).toContain('Flagged certificates (14)')
    expect(stdout).toMatch(/^critical +5 +edge\.example\.com/mu)
    expect(stdout).toMatch(/^expiring +12 +shop\.example\.com +us-east-1 +IMPORTED +2: shop-web, E2SHOP +reimport/mu)
    expect(stdout).toMatch(/^expiring +16 +pay\.example\.com .* attach-replacement/mu)
    // Expired 3.2 days ago: 3 days, not 4 (daysLeft, rounded down, is -4).
    expect(stdout).toMatch(/^expired +3 days ago +legacy\.example\.com/mu)
    expect(stdout).not.toContain('4 days ago')
    expect(stdout).toMatch(/^expired +10 days ago +promo\.example\.com .* none +delete-unused/mu)
    expect(stdout).toContain('The step would fail (exit code 1)')
    expect(stdout).not.toContain('\u001b[')
    const html = await readFile(join(ROOT, 'demo-output', 'job-summary.html'), 'utf8')
    expect(html).toContain('<table>')
    expect(html).toContain('shop.example.com')
  })
})

describe('npm run demo:organization', () => {
  it('audits an organization, then one unit, with the account roll-up and the denied member role', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'demo-organization.ts')],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } }
    )
    expect(stdout).toContain('1 not ACTIVE skipped (567890123456)')
    expect(stdout).toContain(
      'Could not assume arn:aws:iam::456789012345:role/acm-expiry-audit-member in sandbox-1 (456789012345)'
    )
    expect(stdout).toContain('failed-regions: 456789012345:*')
    expect(stdout).toContain('failed-regions: (none)')
    const summary = await readFile(join(ROOT, 'demo-output', 'organization-summary.md'), 'utf8')
    expect(summary).toContain('### Accounts (5)')
    expect(summary).toContain('`prod-payments (210987654321)`')
    const prod = await readFile(join(ROOT, 'demo-output', 'organization-prod-summary.md'), 'utf8')
    expect(prod).toContain('### Accounts (2)')
  })
})
