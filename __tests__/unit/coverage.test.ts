import { describe, expect, it } from '@jest/globals'
import { type CoverageReport, proveCoverage } from '../../src/classify/coverage.js'
import { shardIndexOf } from '../../src/shared/shard-slice.js'

/** Account ids by the shard of 2 their id belongs to. */
const ids = Array.from({ length: 40 }, (_, i) => String(100000000000 + i * 7919))
const inShard = (index: number) => ids.filter((id) => shardIndexOf(id, 2) === index)
const [a1, b1] = inShard(1) as [string, string]
const [a2, b2] = inShard(2) as [string, string]
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 6, minute))

/** A shard's report: its discovery saw `discovered`, and it audited those of them its id maps to. */
function shard(index: number, discovered: string[], minute: number, stopped?: string): CoverageReport {
  const sorted = [...discovered].sort()
  return {
    name: `shard-${index}.json`,
    generatedAt: at(minute),
    shard: { index, count: 2 },
    coverage: { discovered: sorted, audited: sorted.filter((id) => shardIndexOf(id, 2) === index) },
    ...(stopped ? { stopped } : {})
  }
}

describe('proveCoverage', () => {
  it('passes when every account discovered was audited by the shard its id maps to', () => {
    const organization = [a1, b1, a2, b2]
    expect(proveCoverage([shard(1, organization, 0), shard(2, organization, 5)], {})).toEqual([])
  })

  it('names an account created between two shards: it appeared after the shard it belongs to ran', () => {
    const failures = proveCoverage([shard(1, [a1, a2], 0), shard(2, [a1, a2, b1], 5)], { [b1]: 'new-acct' })
    expect(failures.map((failure) => [failure.account, failure.message])).toEqual([
      [
        b1,
        `${b1} (new-acct) was not audited: it appeared after shard 1/2 ran (shard 1/2 listed the organization at 2026-01-01T06:00:00.000Z; it was first seen at 2026-01-01T06:05:00.000Z).`
      ]
    ])
  })

  it('names an account suspended between two shards: it was no longer ACTIVE when its shard ran', () => {
    const failures = proveCoverage([shard(1, [a1, a2, b2], 0), shard(2, [a1, a2], 5)], {})
    expect(failures.map((failure) => failure.message)).toEqual([
      `${b2} was not audited: it was no longer ACTIVE (or no longer asked for) when shard 2/2 ran at 2026-01-01T06:05:00.000Z (seen ACTIVE at 2026-01-01T06:00:00.000Z).`
    ])
  })

  it('names a missing shard, and each account it should have audited', () => {
    const failures = proveCoverage([shard(1, [a1, a2], 0)], {})
    expect(failures.map((failure) => failure.message)).toEqual([
      'No report of shard 2/2 was merged, so its accounts were not audited: check that every shard job ran and uploaded its report.',
      `${a2} was not audited: no report of shard 2/2, the shard its id belongs to, was merged.`
    ])
  })

  it('names a shard that stopped, for each account it should have audited', () => {
    const stopped: CoverageReport = {
      name: 'shard-2.json',
      generatedAt: at(5),
      shard: { index: 2, count: 2 },
      stopped: 'STS unreachable'
    }
    const failures = proveCoverage([shard(1, [a1, a2], 0), stopped], {})
    expect(failures.map((failure) => failure.message)).toEqual([
      `${a2} was not audited: shard 2/2, the shard its id belongs to, stopped before it could (shard-2.json).`
    ])
  })

  it('refuses an account audited by a shard its id does not map to', () => {
    const wrong = shard(1, [a1, a2], 0)
    wrong.coverage = { discovered: [a1, a2].sort(), audited: [a1, a2].sort() }
    const failures = proveCoverage([wrong, shard(2, [a1, a2], 5)], {})
    expect(failures.map((failure) => failure.message)).toEqual([
      `${a2} was audited by shard 1/2 (shard-1.json), but its id belongs to shard 2/2: the reports do not slice the organization the way this version of the action does.`
    ])
  })

  it('says nothing about reports that are not of an organization', () => {
    expect(proveCoverage([{ name: 'a.json', generatedAt: at(0), shard: null }], {})).toEqual([])
  })
})
