import { describe, expect, it } from '@jest/globals'
import { DAY_MS, daysLeft, expiryState, isWithinThreshold } from '../../src/classify/expiry.js'

const NOW = new Date('2026-03-15T12:00:00.000Z')
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs)

describe('DAY_MS', () => {
  it('is 24 hours in milliseconds', () => {
    expect(DAY_MS).toBe(86_400_000)
  })
})

describe('isWithinThreshold', () => {
  it('flags NotAfter exactly at now + days, to the millisecond', () => {
    expect(isWithinThreshold(at(30 * DAY_MS), NOW, 30)).toBe(true)
  })

  it('does not flag NotAfter one millisecond after the threshold', () => {
    expect(isWithinThreshold(at(30 * DAY_MS + 1), NOW, 30)).toBe(false)
  })

  it('flags NotAfter one millisecond before the threshold', () => {
    expect(isWithinThreshold(at(30 * DAY_MS - 1), NOW, 30)).toBe(true)
  })

  it('flags certificates that already expired', () => {
    expect(isWithinThreshold(at(-400 * DAY_MS), NOW, 30)).toBe(true)
  })

  it('with 0 days flags only NotAfter at or before now', () => {
    expect(isWithinThreshold(at(0), NOW, 0)).toBe(true)
    expect(isWithinThreshold(at(-1), NOW, 0)).toBe(true)
    expect(isWithinThreshold(at(1), NOW, 0)).toBe(false)
  })

  it('counts days as 24 hours, not calendar days', () => {
    expect(isWithinThreshold(new Date('2026-03-16T12:00:00.000Z'), NOW, 1)).toBe(true)
    expect(isWithinThreshold(new Date('2026-03-16T12:00:00.001Z'), NOW, 1)).toBe(false)
  })

  it('handles the largest threshold', () => {
    expect(isWithinThreshold(at(3650 * DAY_MS), NOW, 3650)).toBe(true)
    expect(isWithinThreshold(at(3650 * DAY_MS + 1), NOW, 3650)).toBe(false)
  })
})

describe('daysLeft', () => {
  it.each([
    ['exactly 30 days', 30 * DAY_MS, 30],
    ['30 days minus 1 ms', 30 * DAY_MS - 1, 29],
    ['1 day exactly', DAY_MS, 1],
    ['23:59:59.999 left', DAY_MS - 1, 0],
    ['1 ms left', 1, 0],
    ['exactly now', 0, 0],
    ['1 ms ago', -1, -1],
    ['exactly 1 day ago', -DAY_MS, -1],
    ['1 day and 1 ms ago', -DAY_MS - 1, -2],
    ['10.5 days ago', -10.5 * DAY_MS, -11]
  ])('is floored: %s → %d', (_label, offset, expected) => {
    expect(daysLeft(at(offset), NOW)).toBe(expected)
  })
})

describe('expiryState', () => {
  it('is expiring while NotAfter is in the future, even by 1 ms', () => {
    expect(expiryState(at(1), NOW)).toBe('expiring')
    expect(expiryState(at(20 * DAY_MS), NOW)).toBe('expiring')
  })

  it('is expired once NotAfter is reached', () => {
    expect(expiryState(at(0), NOW)).toBe('expired')
  })

  it('is expired when NotAfter is in the past', () => {
    expect(expiryState(at(-1), NOW)).toBe('expired')
    expect(expiryState(at(-365 * DAY_MS), NOW)).toBe('expired')
  })
})
