import { describe, expect, it } from '@jest/globals'
import { type BenchOptions, isSelected, parseCli, runsFor } from '../../scripts/bench/cli.js'

const options = (argv: string[]): BenchOptions => {
  const parsed = parseCli(argv)
  if (parsed.kind !== 'run') throw new Error(`expected options, got ${JSON.stringify(parsed)}`)
  return parsed.options
}

describe('parseCli', () => {
  it('runs everything and writes BENCHMARKS.md without options', () => {
    expect(options([])).toEqual({ only: undefined, runs: undefined, profileDir: undefined, dist: undefined, write: true })
  })

  it('reads --only, --runs, --dist and --profile, and then leaves BENCHMARKS.md alone', () => {
    expect(options(['--only', 'wide, deep', '--runs', '1', '--dist', 'HEAD'])).toEqual({
      only: ['wide', 'deep'],
      runs: 1,
      profileDir: undefined,
      dist: 'HEAD',
      write: false
    })
    expect(options(['--profile', '/tmp/p']).write).toBe(false)
    expect(options(['--runs=2']).write).toBe(false)
  })

  it('--write and --no-write decide whatever else is given', () => {
    expect(options(['--only', 'wide', '--write']).write).toBe(true)
    expect(options(['--no-write']).write).toBe(false)
    expect(parseCli(['--write', '--no-write'])).toEqual({
      kind: 'error',
      message: '--write and --no-write contradict each other.'
    })
  })

  it('says which scenario is unknown and which exist', () => {
    expect(parseCli(['--only', 'wide,wdie'])).toEqual({
      kind: 'error',
      message: "Unknown scenario 'wdie': choose from empty, wide, deep, accounts, manual, org, org-large."
    })
  })

  it('refuses a number of runs that is not a whole number of at least 1', () => {
    for (const runs of ['0', 'abc', '1.5', '-2'])
      expect(parseCli([`--runs=${runs}`])).toEqual({
        kind: 'error',
        message: `--runs takes a whole number of runs, at least 1 (got '${runs}').`
      })
  })

  it('refuses unknown options, missing values and positional arguments', () => {
    expect(parseCli(['--bogus'])).toMatchObject({ kind: 'error', message: expect.stringContaining("'--bogus'") })
    expect(parseCli(['--runs'])).toMatchObject({ kind: 'error', message: expect.stringContaining('--runs') })
    expect(parseCli(['wide'])).toMatchObject({ kind: 'error', message: expect.stringContaining("'wide'") })
  })

  it('answers --help and -h', () => {
    expect(parseCli(['--help'])).toEqual({ kind: 'help' })
    expect(parseCli(['-h'])).toEqual({ kind: 'help' })
  })
})

describe('isSelected and runsFor', () => {
  it('always runs empty; the others only when named', () => {
    const only = options(['--only', 'deep'])
    expect(['empty', 'wide', 'deep', 'accounts', 'manual'].map((name) => isSelected(only, name as never))).toEqual([
      true,
      false,
      true,
      false,
      false
    ])
    expect(isSelected(options([]), 'manual')).toBe(true)
  })

  it('runs org-large (half an hour) only when --only names it', () => {
    expect(isSelected(options([]), 'org-large')).toBe(false)
    expect(isSelected(options([]), 'org')).toBe(true)
    expect(isSelected(options(['--only', 'org,org-large']), 'org-large')).toBe(true)
  })

  it('runs once under --profile, else --runs, else the default', () => {
    expect(runsFor(options([]), 5)).toBe(5)
    expect(runsFor(options(['--runs', '2']), 5)).toBe(2)
    expect(runsFor(options(['--runs', '2', '--profile', '/tmp/p']), 5)).toBe(1)
  })
})
