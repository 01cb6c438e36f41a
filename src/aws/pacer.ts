export type Sleep = (ms: number) => Promise<void>

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs `callback` once the event loop has turned twice: after the I/O of the current and the next turn. */
export type AfterIo = (callback: () => void) => void

export const afterIo: AfterIo = (callback) => setImmediate(() => setImmediate(callback))

/** A call that went out this much later than the pacer let it go is within the margin of the bucket left unused. */
export const LATE_TOLERANCE_MS = 100

/**
 * A token bucket, as ACM enforces its request quotas: it holds at most `burst` tokens, starts full, and
 * refills at `perSecond` tokens a second; each call takes one token, waiting for it when the bucket is
 * empty. So up to `burst` calls leave at once, and then `perSecond` a second. Calls leave one after
 * another, in the order they asked. ACM enforces its quotas per account and region, so one pacer serves
 * one operation of one (account, region) client.
 *
 * ACM counts a request when it arrives; the pacer can only see when it let the call go. Between the two,
 * the request is signed, may wait for a new connection, and is written when the event loop next runs its
 * I/O: when the loop is busy (another region's page being parsed), that can be hundreds of milliseconds,
 * and ACM then sees the call late. So the bucket earns nothing until the call has had its chance to go
 * out (`afterIo`), less `LATE_TOLERANCE_MS`: the time the event loop was busy is not credited twice,
 * once to the late call and again to the calls after it, while the short delays of every turn (which the
 * bucket's unused margin absorbs) cost no throughput. Refills also count from when a call actually left,
 * so a late wake-up never lets two calls share a token.
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
    private readonly wait: Sleep = sleep,
    private readonly sent: AfterIo = afterIo
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
      this.sent(() => this.skipTo(this.clock() - LATE_TOLERANCE_MS))
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

  /** Earns nothing for the time until `until`: a call let go before it may have left only then. */
  private skipTo(until: number): void {
    if (this.refilledAt === undefined || until > this.refilledAt) this.refilledAt = until
  }
}
