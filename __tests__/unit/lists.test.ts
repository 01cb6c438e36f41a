import { describe, expect, it } from '@jest/globals'
import { splitList } from '../../src/shared/parse.js'

describe('splitList', () => {
  it('returns an empty list for empty or blank text', () => {
    expect(splitList('')).toEqual([])
    expect(splitList('   ')).toEqual([])
    expect(splitList(' ,\n, \t,,')).toEqual([])
  })

  it('returns a single item', () => {
    expect(splitList('one')).toEqual(['one'])
  })

  it.each([
    ['commas', 'a,b,c'],
    ['commas and spaces', 'a, b ,c'],
    ['spaces', 'a b   c'],
    ['newlines', 'a\nb\nc'],
    ['CRLF line ends', 'a\r\nb\r\nc\r\n'],
    ['tabs', 'a\tb\tc'],
    ['a YAML block scalar', '  a\n  b,\n  c\n'],
    ['leading and trailing separators', ',, a ,b,c ,,']
  ])('splits on %s', (_label, value) => {
    expect(splitList(value)).toEqual(['a', 'b', 'c'])
  })

  it('drops duplicates, keeping the first occurrence order', () => {
    expect(splitList('b a b c a')).toEqual(['b', 'a', 'c'])
  })

  it('keeps case and treats different cases as different items', () => {
    expect(splitList('A a A')).toEqual(['A', 'a'])
  })

  it('does not split on other punctuation', () => {
    expect(splitList('*.example.com;x|y=z')).toEqual(['*.example.com;x|y=z'])
  })
})
