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

describe('Pacer', () => {
  it('lets the first call through without waiting', async () => {
    const time = fakeTime()
    await time.take(new Pacer(5, time.clock, time.wait))
    expect(time.waits).toEqual([])
    expect(time.releases).toEqual([0])
  })

  it('spaces successive calls by 1000 / perSecond ms', async () => {
    const time = fakeTime()
    const pacer = new Pacer(4, time.clock, time.wait)
    for (let i = 0; i < 5; i += 1) await time.take(pacer)
    expect(time.releases).toEqual([0, 250, 500, 750, 1000])
    expect(time.waits).toEqual([250, 250, 250, 250])
  })

  it('lets calls made at once go one after another, an interval apart', async () => {
    const time = fakeTime()
    const pacer = new Pacer(10, time.clock, time.wait)
    await Promise.all([time.take(pacer), time.take(pacer), time.take(pacer)])
    expect(time.releases).toEqual([0, 100, 200])
  })

  it('waits only for what is left of the interval', async () => {
    const time = fakeTime()
    const pacer = new Pacer(2, time.clock, time.wait)
    await time.take(pacer)
    time.advance(300)
    await time.take(pacer)
    expect(time.waits).toEqual([200])
    expect(time.releases).toEqual([0, 500])
  })

  it('does not wait when idle for the interval or longer', async () => {
    const time = fakeTime()
    const pacer = new Pacer(2, time.clock, time.wait)
    await time.take(pacer)
    time.advance(500)
    await time.take(pacer)
    time.advance(10_000)
    await time.take(pacer)
    expect(time.waits).toEqual([])
  })

  it('keeps a full interval after a call that went late, so two calls never leave together', async () => {
    const time = fakeTime()
    const pacer = new Pacer(10, time.clock, time.wait)
    time.setLateness(70)
    await Promise.all([time.take(pacer), time.take(pacer), time.take(pacer), time.take(pacer)])
    expect(time.releases).toEqual([0, 170, 340, 510])
    const gaps = time.releases.slice(1).map((release, i) => release - (time.releases[i] as number))
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(100)
  })

  it('never lets more than perSecond calls start within any second', async () => {
    const time = fakeTime()
    const pacer = new Pacer(9, time.clock, time.wait)
    await Promise.all(Array.from({ length: 40 }, () => time.take(pacer)))
    for (const start of time.releases) {
      expect(time.releases.filter((release) => release >= start && release < start + 1000).length).toBeLessThanOrEqual(9)
    }
  })

  it('sleeps for real by default', async () => {
    const started = Date.now()
    await sleep(20)
    expect(Date.now() - started).toBeGreaterThanOrEqual(15)
  })
})
