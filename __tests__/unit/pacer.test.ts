import { describe, expect, it, jest } from '@jest/globals'
import { pacerBurst } from '../../src/aws/clients.js'
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
    /** take() and note when it let the call go; its request leaves at once. */
    take: async (pacer: Pacer) => {
      const departed = await pacer.take()
      releases.push(now - start)
      departed()
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
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        pacer.take().then((departed) => {
          order.push(i)
          departed()
        })
      )
    )
    expect(order).toEqual([0, 1, 2, 3])
  })

  it('sleeps for real by default', async () => {
    const started = Date.now()
    await sleep(20)
    expect(Date.now() - started).toBeGreaterThanOrEqual(15)
  })
})

describe('Pacer when requests leave late', () => {
  it('earns almost nothing while calls it let go are still waiting to leave', async () => {
    const time = fakeTime()
    const pacer = new Pacer(10, 5, time.clock, time.wait)
    const departures = await Promise.all(Array.from({ length: 5 }, () => pacer.take()))
    // Their connections open 600 ms later, on a busy event loop: the five calls reach ACM only then.
    time.advance(600)
    departures.forEach((departed) => departed())
    // Only the first LATE_TOLERANCE_MS (25) of those 600 ms earn: a quarter of a token. Crediting them all
    // would send five more calls at once, ten in all arriving together, and leave ACM's bucket of ten empty.
    await Promise.all(Array.from({ length: 3 }, () => time.take(pacer)))
    expect(time.releases).toEqual([675, 775, 875])
  })

  it('keeps ACM the margin the pacer leaves unused when the calls of busy spells arrive late and jittered', async () => {
    const time = fakeTime()
    const pacer = new Pacer(10, pacerBurst(10), time.clock, time.wait)
    // How long the loop is busy after each release (the first spell is the start-up: 16 regions' first
    // pages parsed one after another), and a jitter of 0 to 49 ms on each call's way to ACM.
    const busyAfter = (i: number) => (i === 4 ? 900 : ([0, 0, 30, 0, 300, 0, 0, 60, 0, 0][i % 10] as number))
    const arrivals: number[] = []
    const waiting: Array<{ call: number; departed: () => void }> = []
    const leave = () => {
      for (const { call, departed } of waiting.splice(0)) {
        arrivals.push(time.clock() + ((call * 37) % 50))
        departed()
      }
    }
    for (let i = 0; i < 60; i += 1) {
      waiting.push({ call: i, departed: await pacer.take() })
      // The loop is busy right after letting the call go: it leaves (with any other let go meanwhile) when
      // the loop is free again.
      time.advance(busyAfter(i))
      leave()
    }
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
    // The two tokens the pacer leaves unused are still there for ACM whenever a call arrives: the busy
    // spells did not use them up. (Crediting the busy time to the calls after them left ACM 1.78.)
    expect(fewest).toBeGreaterThanOrEqual(2)
  })

  it('waits without earning while a call has not left, and earns again from when it left', async () => {
    let now = 0
    let first: (() => void) | undefined
    // The first call's connection takes 450 ms to open: it reports having left once the clock gets there.
    const wait: Sleep = async (ms) => {
      now += ms
      if (now >= 450 && first) {
        now = Math.max(now, 450)
        first()
        first = undefined
      }
    }
    const pacer = new Pacer(10, 2, () => now, wait)
    first = await pacer.take()
    const releases: number[] = []
    for (let i = 0; i < 3; i += 1) {
      const departed = await pacer.take()
      releases.push(now)
      departed()
    }
    // The second uses the bucket's other token. The third waits: only the tolerance's first 25 ms earn
    // (a quarter of a token) until the first has left, at 450 ms or the next sleep after; then it needs the
    // other three quarters, 75 ms more. The fourth follows 100 ms later.
    expect(releases[0]).toBe(0)
    expect(releases[1]).toBeGreaterThanOrEqual(525)
    expect((releases[2] as number) - (releases[1] as number)).toBeCloseTo(100, 6)
  })

  it('ignores a second report of the same call', async () => {
    const time = fakeTime()
    const pacer = new Pacer(10, 1, time.clock, time.wait)
    const departed = await pacer.take()
    departed()
    time.advance(500)
    departed()
    await time.take(pacer)
    expect(time.releases).toEqual([500])
  })

  it('keeps time on a monotonic clock: the wall clock set an hour forward earns no token', async () => {
    const waits: number[] = []
    const wallClock = Date.now.bind(Date)
    let setForward = 0
    const jump = jest.spyOn(Date, 'now').mockImplementation(() => wallClock() + setForward)
    // A wait that never ends: the test only looks at how long the pacer asked to wait.
    const pacer = new Pacer(1, 1, undefined, (ms) => {
      waits.push(ms)
      return new Promise<void>(() => undefined)
    })
    let released = false
    try {
      ;(await pacer.take())()
      setForward = 3_600_000
      void pacer.take().then(() => (released = true))
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      jump.mockRestore()
    }
    expect(released).toBe(false)
    expect(waits[0]).toBeGreaterThan(900)
  })
})
