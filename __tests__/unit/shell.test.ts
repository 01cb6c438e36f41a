import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import { jmesPathLiteral, shellComment, shellWord } from '../../src/shared/shell.js'

/** The words bash sees in `printf '%s\0' WORDS`, run in a directory where globs could match. */
function wordsBashSees(words: readonly string[]): string[] {
  const output = execFileSync('bash', ['-c', `printf '%s\\0' ${words.join(' ')}`], { cwd: '/', encoding: 'utf8' })
  return output.split('\0').slice(0, -1)
}

describe('shellWord', () => {
  it('leaves a value bare when it holds only characters never special to a shell', () => {
    for (const plain of ['us-east-1', 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b-2c', 'a_b.c/d:e@f%g+h,i-j']) {
      expect(shellWord(plain)).toBe(plain)
    }
  })

  it('single-quotes anything else, escaping embedded quotes', () => {
    expect(shellWord('*.example.com')).toBe(`'*.example.com'`)
    expect(shellWord(`it's`)).toBe(`'it'\\''s'`)
    expect(shellWord('$(touch pwned)')).toBe(`'$(touch pwned)'`)
    expect(shellWord('a b')).toBe(`'a b'`)
    expect(shellWord('')).toBe(`''`)
    expect(shellWord('x=y')).toBe(`'x=y'`)
  })

  it('gives bash exactly the value, whatever it holds (but NUL, which no argument can hold)', () => {
    const hostile = [
      '*.example.com',
      `it's`,
      '$(touch pwned)',
      'a b',
      '`id`',
      '"$HOME"',
      '~root',
      'a\nb',
      '!x',
      '\\',
      '{a,b}',
      '[ab]',
      ''
    ]
    const generated = fc.sample(fc.string({ unit: 'binary', maxLength: 30 }), { numRuns: 300, seed: 20 })
    const values = [...hostile, ...generated].map((value) => value.replaceAll('\0', ''))
    expect(wordsBashSees(values.map(shellWord))).toEqual(values)
  })
})

describe('shellComment', () => {
  it('keeps a comment on one line whatever the text holds', () => {
    expect(shellComment('load balancer a\nrm -rf /\r')).toBe('# load balancer a rm -rf / ')
  })
})

describe('jmesPathLiteral', () => {
  it('is a JSON string between backticks, its own backticks escaped', () => {
    expect(jmesPathLiteral('arn:aws:acm:x')).toBe('`"arn:aws:acm:x"`')
    expect(jmesPathLiteral('a`b"c')).toBe('`"a\\`b\\"c"`')
  })
})
