import { describe, expect, it, jest } from '@jest/globals'
import { Pacer, type Sleep, sleep } from '../../src/pacer.js'

/** A clock the test moves by hand, and a sleep that records each wait and resolves at once. */
function fakeTime(start = 1_000_000) {
  let now = start
  const waits: number[] = []
  const clock = () => now
  const wait: Sleep = async (ms) => {
    waits.push(ms)
  }
  return { clock, wait, waits, advance: (ms: number) => (now += ms), set: (ms: number) => (now = ms) }
}

describe('Pacer', () => {
  it('lets the first call through without waiting', async () => {
    const time = fakeTime()
    await new Pacer(5, time.clock, time.wait).take()
    expect(time.waits).toEqual([])
  })

  it('spaces successive calls by 1000 / perSecond ms', async () => {
    const time = fakeTime()
    const pacer = new Pacer(4, time.clock, time.wait)
    for (let i = 0; i < 5; i += 1) await pacer.take()
    expect(time.waits).toEqual([250, 500, 750, 1000])
  })

  it('spaces calls made at once, each taking the next free slot', async () => {
    const time = fakeTime()
    const pacer = new Pacer(10, time.clock, time.wait)
    await Promise.all([pacer.take(), pacer.take(), pacer.take()])
    expect(time.waits).toEqual([100, 200])
  })

  it('waits only for what is left of the interval', async () => {
    const time = fakeTime()
    const pacer = new Pacer(2, time.clock, time.wait)
    await pacer.take()
    time.advance(300)
    await pacer.take()
    expect(time.waits).toEqual([200])
  })

  it('does not wait when idle for exactly the interval', async () => {
    const time = fakeTime()
    const pacer = new Pacer(2, time.clock, time.wait)
    await pacer.take()
    time.advance(500)
    await pacer.take()
    expect(time.waits).toEqual([])
  })

  it('does not wait after a long idle time, and starts spacing again from then', async () => {
    const time = fakeTime()
    const pacer = new Pacer(4, time.clock, time.wait)
    await pacer.take()
    await pacer.take()
    await pacer.take()
    expect(time.waits).toEqual([250, 500])
    time.advance(10_000)
    await pacer.take()
    await pacer.take()
    expect(time.waits).toEqual([250, 500, 250])
  })

  it('does not bank unused slots while idle', async () => {
    const time = fakeTime()
    const pacer = new Pacer(1, time.clock, time.wait)
    await pacer.take()
    time.advance(5_000)
    await pacer.take()
    await pacer.take()
    await pacer.take()
    expect(time.waits).toEqual([1000, 2000])
  })

  it('keeps fractional intervals exact', async () => {
    const time = fakeTime()
    const pacer = new Pacer(3, time.clock, time.wait)
    for (let i = 0; i < 4; i += 1) await pacer.take()
    expect(time.waits.map((ms) => Math.round(ms * 1000) / 1000)).toEqual([333.333, 666.667, 1000])
  })

  it('works from a clock at zero', async () => {
    const time = fakeTime(0)
    const pacer = new Pacer(5, time.clock, time.wait)
    await pacer.take()
    await pacer.take()
    expect(time.waits).toEqual([200])
  })

  it('does not resolve take() before the wait is over', async () => {
    let release: () => void = () => undefined
    const wait = jest.fn<Sleep>(() => new Promise<void>((resolve) => (release = resolve)))
    const pacer = new Pacer(1, () => 0, wait)
    await pacer.take()
    let done = false
    const second = pacer.take().then(() => {
      done = true
    })
    await Promise.resolve()
    await Promise.resolve()
    expect(wait).toHaveBeenCalledWith(1000)
    expect(done).toBe(false)
    release()
    await second
    expect(done).toBe(true)
  })

  it('uses the real clock and sleep by default', async () => {
    const pacer = new Pacer(20)
    const started = Date.now()
    await pacer.take()
    await pacer.take()
    expect(Date.now() - started).toBeGreaterThanOrEqual(45)
  })
})

describe('sleep', () => {
  it('resolves after the given time', async () => {
    jest.useFakeTimers()
    try {
      let done = false
      const pending = sleep(500).then(() => {
        done = true
      })
      await jest.advanceTimersByTimeAsync(499)
      expect(done).toBe(false)
      await jest.advanceTimersByTimeAsync(1)
      await pending
      expect(done).toBe(true)
    } finally {
      jest.useRealTimers()
    }
  })
})
