export type Sleep = (ms: number) => Promise<void>

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A token bucket, as ACM enforces its request quotas: it holds at most `burst` tokens, starts full, and
 * refills at `perSecond` tokens a second; each call takes one token, waiting for it when the bucket is
 * empty. So up to `burst` calls leave at once, and then `perSecond` a second. Calls leave one after
 * another, in the order they asked. The bucket refills from the time a call actually left, so a late
 * wake-up after a busy spell never lets two calls share a token. ACM enforces its quotas per account and
 * region, so one pacer serves one operation of one (account, region) client.
 */
export class Pacer {
  private tokens: number
  private refilledAt: number | undefined
  private turn: Promise<void> = Promise.resolve()
  private readonly burst: number

  constructor(
    private readonly perSecond: number,
    burst: number = perSecond,
    private readonly clock: () => number = Date.now,
    private readonly wait: Sleep = sleep
  ) {
    if (!(perSecond > 0)) throw new RangeError(`A pacer needs a positive rate; got ${perSecond}.`)
    this.burst = Math.max(1, Math.min(burst, perSecond))
    this.tokens = this.burst
  }

  take(): Promise<void> {
    const mine = this.turn.then(async () => {
      // A missing sliver below a nanotoken is rounding, not a reason to wait.
      for (let missing = this.refill(); missing > 1e-9; missing = this.refill()) {
        await this.wait((missing * 1000) / this.perSecond)
      }
      this.tokens -= 1
    })
    this.turn = mine
    return mine
  }

  /** Adds the tokens earned since the last refill; returns how much of a token is still missing. */
  private refill(): number {
    const now = this.clock()
    if (this.refilledAt !== undefined) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.perSecond) / 1000)
    }
    this.refilledAt = now
    return 1 - this.tokens
  }
}
