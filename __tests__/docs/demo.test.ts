import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from '../../emulator/run-action.js'
import { alignedTable, COLOURS, paletteFor, PLAIN, readableLog } from '../../scripts/demo-view.js'
import { githubHtml, githubPage } from '../../scripts/github-view.js'

const withoutIcons = (html: string) => html.replace(/<svg [\s\S]*?<\/svg>/gu, '')

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

  it("renders the summary as an HTML page with its table, in GitHub's styles", () => {
    const html = githubPage('## Title\n\n| a | b |\n| - | - |\n| `1` | 2 |\n', 'T')
    expect(html).toContain('<h2>Title</h2>')
    expect(html).toContain('<td><code>1</code></td>')
    expect(html).toContain('.markdown-body table {')
    expect(html).toContain('width: 1012px')
  })

  it('renders alerts as GitHub does, not as [!WARNING] text', () => {
    const rendered = githubHtml('> [!WARNING]\n> **2 certificates** need attention.\n\n> [!CAUTION]\n> Broken.\n')
    // Each title has GitHub's octicon before it: alert for a warning, stop for a caution.
    expect(rendered).toMatch(/<p class="markdown-alert-title"><svg [^>]*class="octicon octicon-alert mr-2"/u)
    expect(rendered).toMatch(/<p class="markdown-alert-title"><svg [^>]*class="octicon octicon-stop mr-2"/u)
    const html = withoutIcons(rendered)
    expect(html).toBe(
      '<div class="markdown-alert markdown-alert-warning"><p class="markdown-alert-title">Warning</p>\n<p><strong>2 certificates</strong> need attention.</p>\n</div>\n' +
        '<div class="markdown-alert markdown-alert-caution"><p class="markdown-alert-title">Caution</p>\n<p>Broken.</p>\n</div>\n'
    )
    expect(html).not.toContain('[!')
    // In an issue body too, where the line break after [!CAUTION] is kept.
    expect(withoutIcons(githubHtml('> [!CAUTION]\n> Broken.\n', { issue: true }))).toBe(
      '<div class="markdown-alert markdown-alert-caution"><p class="markdown-alert-title">Caution</p>\n<p>Broken.</p>\n</div>\n'
    )
    // Text after [! on the same line is a quote, as on GitHub.
    expect(githubHtml('> [!WARNING] text\n')).toContain('<blockquote>')
  })

  it('keeps the line breaks of an issue body, as GitHub does, but not inside code blocks', () => {
    expect(githubHtml('- a\n  b\n\n```sh\nx\ny\n```\n', { issue: true })).toBe(
      '<ul>\n<li>a<br />\nb</li>\n</ul>\n<pre><code class="language-sh">x\ny\n</code></pre>\n'
    )
    expect(githubHtml('- a\n  b\n')).toBe('<ul>\n<li>a\nb</li>\n</ul>\n')
  })

  it('renders task lists as GitHub does', () => {
    expect(githubHtml('- [ ] a\n- [x] b\n')).toBe(
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled="" /> a</li>\n<li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled="" checked="" /> b</li>\n</ul>\n'
    )
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
