export type Sleep = (ms: number) => Promise<void>

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Milliseconds on a monotonic clock: a wall clock set forward or back (NTP, a VM resumed) never refills the bucket. */
export const monotonicClock = (): number => performance.now()

/**
 * A request that left this much later than the pacer let it go is on time (signing and writing to an open
 * connection take a few milliseconds); the bucket's unused margin absorbs it.
 */
export const LATE_TOLERANCE_MS = 25

/**
 * A token bucket, as ACM enforces its request quotas: it holds at most `burst` tokens, starts full, and
 * refills at `perSecond` tokens a second; each call takes one token, waiting for it when the bucket is
 * empty. So up to `burst` calls leave at once, and then `perSecond` a second. Calls leave one after
 * another, in the order they asked. ACM enforces its quotas per account and region, so one pacer serves
 * one operation of one (account, region) client.
 *
 * ACM counts a request when it arrives, the pacer when it lets the call go. Between the two, the request
 * is signed and may wait for a new connection, whose opening a busy event loop (another region's page
 * being parsed) can delay by hundreds of milliseconds; ACM then sees the call late. So `take` gives back
 * a `departed` function, to be called when the request has actually left (or has failed): while a call
 * let go more than `LATE_TOLERANCE_MS` ago has not left, the bucket earns nothing, and the time it was
 * late is never earned. Otherwise that time would be credited twice, once to the late call and again to
 * the calls after it, which ACM would then see arrive together. The short delay of every call (which the
 * bucket's unused margin absorbs) costs no throughput. Refills count from when a call was let go, so a
 * late wake-up never lets two calls share a token.
 */
export class Pacer {
  private tokens: number
  private refilledAt: number | undefined
  private turn: Promise<unknown> = Promise.resolve()
  private readonly burst: number
  /** When each call not yet reported as left was let go, oldest first. */
  private readonly unsent = new Map<number, number>()
  private calls = 0

  constructor(
    private readonly perSecond: number,
    burst: number = perSecond,
    private readonly clock: () => number = monotonicClock,
    private readonly wait: Sleep = sleep
  ) {
    if (!(perSecond > 0)) throw new RangeError(`A pacer needs a positive rate; got ${perSecond}.`)
    this.burst = Math.max(1, Math.min(burst, perSecond))
    this.tokens = this.burst
  }

  /**
   * Waits for a token. The function it gives back is to be called once the request has left, or once it
   * has failed or been answered, whichever is known first; later calls do nothing.
   */
  take(): Promise<() => void> {
    const mine = this.turn.then(async () => {
      // A missing sliver below a nanotoken is rounding, not a reason to wait.
      for (let missing = this.refill(); missing > 1e-9; missing = this.refill()) {
        await this.wait((missing * 1000) / this.perSecond)
      }
      this.tokens -= 1
      const call = this.calls
      this.calls += 1
      this.unsent.set(call, this.clock())
      return () => this.departed(call)
    })
    this.turn = mine.then(() => undefined)
    return mine
  }

  /** Adds the tokens earned since the last refill; returns how much of a token is still missing. */
  private refill(): number {
    this.earnUntil(this.earningEnds(this.clock()))
    return 1 - this.tokens
  }

  /** `now`, or LATE_TOLERANCE_MS after the oldest call still on its way out was let go, if earlier. */
  private earningEnds(now: number): number {
    for (const letGo of this.unsent.values()) return Math.min(now, letGo + LATE_TOLERANCE_MS)
    return now
  }

  private earnUntil(until: number): void {
    if (this.refilledAt !== undefined && until > this.refilledAt) {
      this.tokens = Math.min(this.burst, this.tokens + ((until - this.refilledAt) * this.perSecond) / 1000)
    }
    if (this.refilledAt === undefined || until > this.refilledAt) this.refilledAt = until
  }

  /** The call has left now: what was earned before it was late counts, the time it was late does not. */
  private departed(call: number): void {
    if (!this.unsent.has(call)) return
    const now = this.clock()
    this.earnUntil(this.earningEnds(now))
    this.unsent.delete(call)
    if (this.refilledAt === undefined || now > this.refilledAt) this.refilledAt = now
  }
}
