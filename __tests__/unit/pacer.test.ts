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

describe('Pacer when the event loop is busy', () => {
  /** afterIo held back by the test: the calls let go are written out only when it says so. */
  function heldIo() {
    const pending: Array<() => void> = []
    return {
      sent: (callback: () => void) => void pending.push(callback),
      flush: () => pending.splice(0).forEach((callback) => callback())
    }
  }

  it('earns almost nothing while calls it let go are still waiting to be written', async () => {
    const time = fakeTime()
    const io = heldIo()
    const pacer = new Pacer(10, 5, time.clock, time.wait, io.sent)
    await Promise.all(Array.from({ length: 5 }, () => time.take(pacer)))
    expect(time.releases).toEqual([0, 0, 0, 0, 0])
    // The loop is busy for 600 ms: the five calls reach ACM only then.
    time.advance(600)
    io.flush()
    // Only the last LATE_TOLERANCE_MS (100) of those 600 ms earn a token. Crediting them all would send
    // five more calls at once, ten in all arriving together, and leave ACM's bucket of ten empty.
    await Promise.all(Array.from({ length: 3 }, () => time.take(pacer)))
    expect(time.releases.slice(5)).toEqual([600, 700, 800])
  })

  it('keeps ACM half a bucket to spare when the calls of busy spells arrive late and jittered', async () => {
    const time = fakeTime()
    const io = heldIo()
    const pacer = new Pacer(10, 5, time.clock, time.wait, io.sent)
    // How long the loop is busy after each release (the first spell is the start-up: 16 regions' first
    // pages parsed one after another), and a jitter of 0 to 49 ms on each call's way to ACM.
    const busyAfter = (i: number) => (i === 4 ? 900 : ([0, 0, 30, 0, 300, 0, 0, 60, 0, 0][i % 10] as number))
    const arrivals: number[] = []
    let unsent: number[] = []
    for (let i = 0; i < 60; i += 1) {
      await time.take(pacer)
      unsent.push(i)
      const busy = busyAfter(i)
      if (busy === 0 && i % 3 !== 2) continue
      time.advance(busy)
      for (const call of unsent) arrivals.push(time.clock() + ((call * 37) % 50))
      unsent = []
      io.flush()
    }
    for (const call of unsent) arrivals.push(time.clock() + ((call * 37) % 50))
    // ACM's bucket of ten, full when the first call arrives, refilled at ten a second.
    arrivals.sort((a, b) => a - b)
    let tokens = 10
    let at = arrivals[0] as number
    let fewest = tokens
    for (const arrival of arrivals) {
      tokens = Math.min(10, tokens + ((arrival - at) * 10) / 1000)
      at = arrival
      fewest = Math.min(fewest, tokens)
      tokens -= 1
    }
    // The half bucket the pacer leaves unused is still there for ACM whenever a call arrives: the spells
    // did not use it up. (Crediting the busy time to the calls after it left ACM 3.9 tokens.)
    expect(fewest).toBeGreaterThanOrEqual(5)
  })

  it('by default, waits two turns of the event loop before earning again', async () => {
    const events: string[] = []
    const { afterIo } = await import('../../src/aws/pacer.js')
    await new Promise<void>((resolve) => {
      afterIo(() => {
        events.push('after io')
        resolve()
      })
      setImmediate(() => events.push('first turn'))
      Promise.resolve().then(() => events.push('microtask'))
    })
    expect(events).toEqual(['microtask', 'first turn', 'after io'])
  })
})
