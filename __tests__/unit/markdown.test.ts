import { describe, expect, it } from '@jest/globals'
import { breakable, code, codeBlock, codeLink, escapeText, singleLine } from '../../src/render/markdown.js'
import { renderGfm } from '../helpers/render-markdown.js'
import { tableCells } from './gfm-tables.js'

const ZWSP = '\u200B'

/** Renders markdown inline and strips the paragraph wrapper. */
function inline(markdown: string): string {
  return renderGfm(markdown)
    .trim()
    .replace(/^<p>/u, '')
    .replace(/<\/p>$/u, '')
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '@someone please look',
  'fixes #123 and GH-1',
  'see www.evil.example and http://evil.example/x and https://evil.example',
  'mail admin@example.com',
  '**bold** _em_ ~~strike~~ `code` [link](https://evil.example) ![img](https://evil.example/i.png)',
  '- list\n# heading\n> quote',
  'a | b | c',
  '&lt;already&gt; &amp; &#124;',
  'back\\slash \\* \\`',
  '<!-- comment -->',
  'line\r\nbreak\u2028sep\u0000nul'
]

describe('singleLine', () => {
  it('turns line breaks and tabs into single spaces', () => {
    expect(singleLine('a\nb\r\nc\td')).toBe('a b c d')
  })

  it('collapses runs of white space and trims', () => {
    expect(singleLine('   a  \n\n   b   ')).toBe('a b')
  })

  it('replaces control characters and Unicode line separators', () => {
    expect(singleLine('x\u0000\u0007y\u007fz\u0085w\u2028v\u2029u')).toBe('x y z w v u')
  })

  it('returns an empty string for white space only', () => {
    expect(singleLine(' \n\t\r ')).toBe('')
  })

  it('keeps text up to the limit, and cuts longer text with an ellipsis', () => {
    expect(singleLine('a'.repeat(500))).toBe('a'.repeat(500))
    expect(singleLine('a'.repeat(501))).toBe(`${'a'.repeat(499)}…`)
    expect(singleLine('abcdefg', 5)).toBe('abcd…')
    expect(singleLine('abcde', 5)).toBe('abcde')
  })

  it('cuts at a word, never mid-word, when a space is near the limit', () => {
    const message = `${'word '.repeat(99)}resource-name-that-would-be-cut`
    const cut = singleLine(message)
    expect(cut).toBe(`${'word '.repeat(99).trimEnd()}…`)
    expect(cut.length).toBeLessThanOrEqual(500)
    expect(singleLine('AccessDenied: not authorized to perform', 30)).toBe('AccessDenied: not authorized…')
  })
})

describe('breakable', () => {
  it('lets a name wrap after dots, dashes, slashes, colons and underscores, and escapes it as text', () => {
    expect(breakable('very-long.service.example.com')).toBe('very-<wbr>long.<wbr>service.<wbr>example.<wbr>com')
    expect(breakable('a_b:c/d')).toBe('a\\_<wbr>b\\:<wbr>c/<wbr>d')
    expect(breakable('x. y')).toBe('x. y')
    expect(breakable('')).toBe('—')
  })

  it('renders as the name itself, with nothing live in it', () => {
    const html = renderGfm(breakable('<script>@ops #1 [x](https://evil.example) a.b'))
    expect(html).toBe('<p>&lt;script&gt;@\u200Bops #\u200B1 [x](https:<wbr>/<wbr>/<wbr>evil.<wbr>example) a.<wbr>b</p>')
  })
})

describe('code', () => {
  it('wraps text in a code span', () => {
    expect(code('example.com')).toBe('`example.com`')
  })

  it('returns an em dash for empty or blank text', () => {
    expect(code('')).toBe('—')
    expect(code(' \n\t ')).toBe('—')
    expect(code('', { inTable: true })).toBe('—')
  })

  it('flattens newlines and control characters', () => {
    expect(code('a\nb\r\n\u0000c')).toBe('`a b c`')
  })

  it('uses a longer fence than any backtick run inside', () => {
    expect(code('a`b')).toBe('``a`b``')
    expect(code('a``b```c')).toBe('````a``b```c````')
  })

  it('pads content that starts or ends with a backtick', () => {
    expect(code('`start')).toBe('`` `start ``')
    expect(code('end`')).toBe('`` end` ``')
    expect(code('``')).toBe('``` `` ```')
  })

  it('leaves pipes alone outside tables and escapes them inside', () => {
    expect(code('a|b')).toBe('`a|b`')
    expect(code('a|b||c', { inTable: true })).toBe('`a\\|b\\|\\|c`')
  })

  it('cuts long text', () => {
    expect(code('x'.repeat(600))).toBe(`\`${'x'.repeat(499)}…\``)
  })

  it.each(HOSTILE)('renders %j literally as one code element', (text) => {
    const html = inline(code(text))
    expect(html.startsWith('<code>')).toBe(true)
    expect(html.endsWith('</code>')).toBe(true)
    expect(html.match(/<code>/gu)).toHaveLength(1)
    expect(html).not.toMatch(/<(script|img|a|strong|em|del)\b/u)
  })

  it.each(['`', '``', 'a`', '`a`', 'x ``` y', '` `'])('keeps backtick text %j intact', (text) => {
    const html = inline(code(text))
    expect(html).toBe(`<code>${text}</code>`)
  })

  it.each(['a|b', '|', 'x\\|y', 'x\\\\|y', '`|`', 'a||b|', '\\'])('keeps %j in a single table cell', (text) => {
    const row = `| ${code(text, { inTable: true })} | next |`
    const cells = tableCells(row)
    expect(cells).toHaveLength(2)
    expect(cells[1]).toBe('next')
  })

  it.each(['a|b', '|', '`|`', 'a||b|'])('renders %j intact inside a table cell', (text) => {
    const html = renderGfm(`| h1 | h2 |\n| - | - |\n| ${code(text, { inTable: true })} | next |\n`)
    expect(html).toContain(`<td><code>${text}</code></td>\n<td>next</td>`)
  })
})

describe('codeLink', () => {
  it('is a link whose text is a code span', () => {
    expect(codeLink('example.com', 'https://example.test/x?y=1#z')).toBe('[`example.com`](https://example.test/x?y=1#z)')
  })

  it('escapes pipes in tables', () => {
    expect(codeLink('a|b', 'https://example.test', { inTable: true })).toBe('[`a\\|b`](https://example.test)')
  })

  it('keeps brackets in the text inside the link', () => {
    const html = inline(codeLink('a]b[c](d)', 'https://example.test/'))
    expect(html).toBe('<a href="https://example.test/"><code>a]b[c](d)</code></a>')
  })
})

describe('escapeText', () => {
  it('leaves plain text alone', () => {
    expect(escapeText('Managed renewal failed.')).toBe('Managed renewal failed.')
  })

  it('turns < > & into entities', () => {
    expect(escapeText('<script>alert(1)</script> & co')).toBe('&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp; co')
  })

  it('turns | into an entity', () => {
    expect(escapeText('a|b')).toBe('a&#124;b')
  })

  it('breaks @-mentions with a zero-width space', () => {
    expect(escapeText('@someone')).toBe(`\\@${ZWSP}someone`)
    expect(escapeText('ask @org/team')).toBe(`ask \\@${ZWSP}org/team`)
  })

  it('breaks #-references with a zero-width space', () => {
    expect(escapeText('#123')).toBe(`\\#${ZWSP}123`)
    expect(escapeText('fixes #42')).toBe(`fixes \\#${ZWSP}42`)
  })

  it('breaks www. autolinks, any case', () => {
    expect(escapeText('www.example.com')).toBe('www\\.example.com')
    expect(escapeText('WwW.Example.com')).toBe('WwW\\.Example.com')
  })

  it('breaks http:// and https:// autolinks', () => {
    expect(escapeText('http://evil.example')).toBe('http\\://evil.example')
    expect(escapeText('https://evil.example')).toBe('https\\://evil.example')
  })

  it('escapes markdown punctuation', () => {
    expect(escapeText('*a* _b_ `c` [d](e) !f ~g~ \\h')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\!f \\~g\\~ \\\\h')
  })

  it('flattens newlines', () => {
    expect(escapeText('one\ntwo\r\n- three')).toBe('one two - three')
  })

  it.each([
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['* item', '\\* item'],
    ['= underline', '\\= underline'],
    ['1. item', '1\\. item'],
    ['12) item', '12\\) item'],
    ['# heading', `\\#${ZWSP} heading`],
    ['> quote', '&gt; quote'],
    ['  - indented', '\\- indented']
  ])('escapes the leading marker of %j', (text, expected) => {
    expect(escapeText(text)).toBe(expected)
  })

  it('does not escape list-like characters inside the text', () => {
    expect(escapeText('a - b + c = d 1. e')).toBe('a - b + c = d 1. e')
  })

  it('cuts long text', () => {
    expect(escapeText('y'.repeat(700))).toBe(`${'y'.repeat(499)}…`)
  })

  it.each(HOSTILE)('renders %j as one plain paragraph of literal text', (text) => {
    const escaped = escapeText(text)
    expect(escaped).not.toMatch(/[<>]/u)
    expect(escaped).not.toMatch(/@(?!\u200B)/u)
    expect(escaped).not.toMatch(/#(?!\u200B)(?<!&#)/u)
    expect(escaped.toLowerCase()).not.toContain('www.')
    expect(escaped).not.toMatch(/https?:\/\//u)
    const html = renderGfm(escaped)
    expect(html.trim()).toMatch(/^<p>[^]*<\/p>$/u)
    expect(html).not.toMatch(/<(?!\/?p>)/u)
    // The visible text is the original text, flattened (and with zero-width spaces after @ and #).
    const visible = html
      .trim()
      .replace(/^<p>|<\/p>$/gu, '')
      .replace(/&lt;/gu, '<')
      .replace(/&gt;/gu, '>')
      .replace(/&quot;/gu, '"')
      .replace(/&amp;/gu, '&')
      .replace(/\u200B/gu, '')
    expect(visible).toBe(singleLine(text))
  })

  it('keeps a | out of a table cell split', () => {
    expect(tableCells(`| ${escapeText('a | b | c')} | x |`)).toHaveLength(2)
  })
})

describe('codeBlock', () => {
  it('fences content with three backticks and an optional language', () => {
    expect(codeBlock('echo hi')).toBe('```\necho hi\n```')
    expect(codeBlock('echo hi', 'sh')).toBe('```sh\necho hi\n```')
  })

  it('keeps three backticks when the content has only shorter runs', () => {
    expect(codeBlock('a `b` ``c``')).toBe('```\na `b` ``c``\n```')
  })

  it('uses a fence longer than any run of three or more backticks', () => {
    expect(codeBlock('a\n```\nb')).toBe('````\na\n```\nb\n````')
    expect(codeBlock('x ````` y\n```')).toBe('``````\nx ````` y\n```\n``````')
  })

  it.each([
    '```',
    '```\n<script>alert(1)</script>',
    'a\n```\n# not a heading\n````\n@someone',
    '   ```\nescaped?',
    '```sh\nrm -rf /\n```\n\n[x](https://evil.example)',
    '``````````'
  ])('cannot be closed early by %j', (content) => {
    const html = renderGfm(codeBlock(content, 'sh'))
    const escaped = content.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;')
    expect(html.trim()).toBe(`<pre><code class="language-sh">${escaped}\n</code></pre>`)
  })
})
