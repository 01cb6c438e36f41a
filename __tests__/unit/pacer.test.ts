import { describe, expect, it } from '@jest/globals'
import { Pacer, type Sleep, sleep } from '../../src/aws/pacer.js'

/**
 * A clock the test moves by hand, and a sleep that moves it by the time slept plus `late` ms (a timer that
 * fires late, as on a busy event loop), recording each wait.
 */
function fakeTime(start = 1_000_000) {
  let now = start
  let late = 0
  const waits: number[] = []
  const releases: number[] = []
  const clock = () => now
  const wait: Sleep = async (ms) => {
    waits.push(ms)
    now += ms + late
  }
  return {
    clock,
    wait,
    waits,
    releases,
    advance: (ms: number) => (now += ms),
    setLateness: (ms: number) => (late = ms),
    /** take() and note when it let the call go. */
    take: async (pacer: Pacer) => {
      await pacer.take()
      releases.push(now - start)
    }
  }
}

describe('Pacer (token bucket)', () => {
  it('lets a full bucket of calls through at once, without waiting', async () => {
    const time = fakeTime()
    const pacer = new Pacer(10, 10, time.clock, time.wait)
    await Promise.all(Array.from({ length: 10 }, () => time.take(pacer)))
    expect(time.waits).toEqual([])
    expect(time.releases).toEqual(Array.from({ length: 10 }, () => 0))
  })

  it('then lets perSecond calls through each second, one every 1000 / perSecond ms', async () => {
    const time = fakeTime()
    const pacer = new Pacer(4, 2, time.clock, time.wait)
    await Promise.all(Array.from({ length: 6 }, () => time.take(pacer)))
    expect(time.releases).toEqual([0, 0, 250, 500, 750, 1000])
    expect(time.waits).toEqual([250, 250, 250, 250])
  })

  it('refills while idle, up to the burst and no further', async () => {
    const time = fakeTime()
    const pacer = new Pacer(10, 3, time.clock, time.wait)
    await Promise.all(Array.from({ length: 3 }, () => time.take(pacer)))
    time.advance(150)
    // 1.5 tokens earned: one call leaves now, the next waits for the other half.
    await Promise.all([time.take(pacer), time.take(pacer)])
    expect(time.releases.slice(3)).toEqual([150, 200])
    time.advance(60_000)
    await Promise.all(Array.from({ length: 4 }, () => time.take(pacer)))
    expect(time.releases.slice(5)).toEqual([60_200, 60_200, 60_200, 60_300])
  })

  it('never allows a burst larger than the rate, nor smaller than one call', async () => {
    const time = fakeTime()
    const big = new Pacer(2, 50, time.clock, time.wait)
    await Promise.all(Array.from({ length: 4 }, () => time.take(big)))
    expect(time.releases).toEqual([0, 0, 500, 1000])
    const other = fakeTime()
    const none = new Pacer(2, 0, other.clock, other.wait)
    await Promise.all(Array.from({ length: 3 }, () => other.take(none)))
    expect(other.releases).toEqual([0, 500, 1000])
    expect(() => new Pacer(0)).toThrow(RangeError)
  })

  it('counts from when a call actually left, so a late wake-up never lets two share a token', async () => {
    const time = fakeTime()
    const pacer = new Pacer(10, 1, time.clock, time.wait)
    time.setLateness(70)
    await Promise.all([time.take(pacer), time.take(pacer), time.take(pacer), time.take(pacer)])
    expect(time.releases).toEqual([0, 170, 340, 510])
    const gaps = time.releases.slice(1).map((release, i) => release - (time.releases[i] as number))
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(100)
  })

  it('never lets more than burst + perSecond × t calls leave within any t seconds, as ACM counts them', async () => {
    const time = fakeTime()
    const pacer = new Pacer(9, 8, time.clock, time.wait)
    await Promise.all(Array.from({ length: 60 }, () => time.take(pacer)))
    for (const start of time.releases) {
      for (const span of [100, 500, 1000, 3000]) {
        const inside = time.releases.filter((release) => release >= start && release <= start + span).length
        expect(inside).toBeLessThanOrEqual(8 + (9 * span) / 1000 + 1e-9)
      }
    }
    // The whole run takes what the bucket allows: 8 at once, then 52 at 9 a second.
    expect(time.releases.at(-1)).toBeCloseTo((52 * 1000) / 9, 6)
  })

  it('lets calls go in the order they asked', async () => {
    const time = fakeTime()
    const pacer = new Pacer(5, 1, time.clock, time.wait)
    const order: number[] = []
    await Promise.all([0, 1, 2, 3].map((i) => pacer.take().then(() => order.push(i))))
    expect(order).toEqual([0, 1, 2, 3])
  })

  it('sleeps for real by default', async () => {
    const started = Date.now()
    await sleep(20)
    expect(Date.now() - started).toBeGreaterThanOrEqual(15)
  })
})
