import { describe, expect, it } from '@jest/globals'
import type { RecordedCall } from '../../emulator/types.js'
import {
  acmTotal,
  callsPerRegion,
  checkOutputs,
  compareCalls,
  countCalls,
  defined,
  expectedCalls,
  expectedTotals,
  median,
  medianCalls,
  percentile,
  problemsOf,
  range,
  sum
} from '../../scripts/bench/stats.js'
import { region, run } from './fixtures.js'

function call(operation: string, overrides: Partial<RecordedCall> = {}): RecordedCall {
  return { service: 'acm', operation, account: 'A', region: 'us-east-1', params: {}, status: 200, serverMs: 1, ...overrides }
}

describe('statistics', () => {
  it('median: the middle value, or the mean of the two middle ones; NaN for none', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(median([])).toBeNaN()
  })

  it('median does not reorder its input', () => {
    const values = [3, 1, 2]
    median(values)
    expect(values).toEqual([3, 1, 2])
  })

  it('range: the smallest and the largest', () => {
    expect(range([0.46, 0.35, 0.4])).toEqual({ min: 0.35, max: 0.46 })
  })

  it('sum and defined', () => {
    expect(sum([1, 2, 3.5])).toBe(6.5)
    expect(sum([])).toBe(0)
    expect(defined([1, undefined, 3])).toEqual([1, 3])
  })

  it('percentile: nearest rank', () => {
    expect(percentile([5, 1, 3, 2], 95)).toBe(5)
    expect(percentile([5, 1, 3, 2], 50)).toBe(3)
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95
      )
    ).toBe(96)
    expect(percentile([], 95)).toBeNaN()
  })

  it('medianCalls counts an operation missing from a run as 0', () => {
    const runs = [
      run({ calls: { ListCertificates: 3, DescribeCertificate: 400 } }),
      run({ calls: { ListCertificates: 3, DescribeCertificate: 420, GetCallerIdentity: 1 } }),
      run({ calls: { ListCertificates: 3, DescribeCertificate: 435 } })
    ]
    expect(medianCalls(runs)).toEqual({ ListCertificates: 3, DescribeCertificate: 420, GetCallerIdentity: 0 })
    expect(medianCalls(runs, ['ListTagsForCertificate'])).toEqual({ ListTagsForCertificate: 0 })
  })

  it('problemsOf keeps each problem once, in order', () => {
    expect(problemsOf([run({ problems: ['b', 'a'] }), run({ problems: ['a', 'c'] })])).toEqual(['b', 'a', 'c'])
  })
})

describe('requests made', () => {
  const calls = [
    call('ListCertificates', { serverMs: 2 }),
    call('ListCertificates', { serverMs: 4, region: 'eu-west-1' }),
    call('DescribeCertificate', { serverMs: 0.5 }),
    call('GetCallerIdentity', { service: 'sts', serverMs: 1.5 })
  ]

  it('countCalls counts every service per operation, with the server times', () => {
    expect(countCalls(calls)).toEqual({
      calls: { ListCertificates: 2, DescribeCertificate: 1, GetCallerIdentity: 1 },
      serverMs: { ListCertificates: [2, 4], DescribeCertificate: [0.5], GetCallerIdentity: [1.5] }
    })
  })

  it('callsPerRegion counts ACM only, per account, region and operation', () => {
    expect([...callsPerRegion(calls)]).toEqual([
      ['A:us-east-1:ListCertificates', 1],
      ['A:eu-west-1:ListCertificates', 1],
      ['A:us-east-1:DescribeCertificate', 1]
    ])
  })

  it('acmTotal adds the three ACM operations only', () => {
    expect(acmTotal({ ListCertificates: 3, DescribeCertificate: 435, ListTagsForCertificate: 2, GetCallerIdentity: 1 })).toBe(440)
  })
})

describe('requests needed', () => {
  const regions = [
    region({ account: 'A', region: 'us-east-1', certificates: 2500, flagged: 12, flaggedManaged: 6, manualListed: 2000 }),
    region({ account: 'A', region: 'eu-west-1', certificates: 0 })
  ]

  it('expectedCalls: the pages of each region, and its look-ups when there are any', () => {
    expect([...expectedCalls(regions)]).toEqual([
      ['A:us-east-1:ListCertificates', 3],
      ['A:us-east-1:DescribeCertificate', 12],
      ['A:eu-west-1:ListCertificates', 1]
    ])
  })

  it('expectedTotals adds them up', () => {
    expect(expectedTotals(regions)).toEqual({ ListCertificates: 4, DescribeCertificate: 12, ListTagsForCertificate: 0 })
  })

  it('compareCalls reports each difference, a missing key counting 0', () => {
    const made = new Map([
      ['A:us-east-1:ListCertificates', 3],
      ['A:us-east-1:DescribeCertificate', 13],
      ['A:us-east-1:ListTagsForCertificate', 1]
    ])
    expect(compareCalls(made, expectedCalls(regions))).toEqual([
      'A:us-east-1:DescribeCertificate: 13 calls, expected 12',
      'A:us-east-1:ListTagsForCertificate: 1 calls, expected 0',
      'A:eu-west-1:ListCertificates: 0 calls, expected 1'
    ])
    expect(compareCalls(expectedCalls(regions), expectedCalls(regions))).toEqual([])
  })
})

describe('checkOutputs', () => {
  const regions = [region({ certificates: 200, flagged: 2 }), region({ region: 'eu-west-1', certificates: 100, flagged: 1 })]
  const outputs = { 'scanned-count': '300', 'expiring-count': '2', 'expired-count': '1', 'failed-regions': '' }

  it('accepts a run that scanned everything and reported every flagged certificate', () => {
    expect(checkOutputs({ exitCode: 0, stdout: '', stderr: '', outputs }, regions)).toEqual([])
  })

  it('names the exit code with the last lines of stderr, and each wrong output', () => {
    const problems = checkOutputs(
      {
        exitCode: 1,
        stdout: '',
        stderr: 'one\ntwo\n',
        outputs: { 'scanned-count': '200', 'expiring-count': '1', 'expired-count': '1', 'failed-regions': 'eu-west-1' }
      },
      regions
    )
    expect(problems).toEqual([
      'exit code 1: one | two',
      'scanned-count 200, expected 300',
      'expiring + expired = 2, expected 3',
      'failed-regions: eu-west-1'
    ])
  })
})
