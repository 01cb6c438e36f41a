export type Sleep = (ms: number) => Promise<void>

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Lets calls go one after another, each at least 1000/perSecond ms after the previous one actually went,
 * so that no more than `perSecond` start in any second. Spacing by the actual release time (not by a slot
 * planned when the call asked) keeps a late wake-up after a busy spell from sending two calls together.
 * ACM enforces its request quotas per account and region, so one pacer serves one operation of one
 * (account, region) client.
 */
export class Pacer {
  private lastRelease = Number.NEGATIVE_INFINITY
  private turn: Promise<void> = Promise.resolve()
  private readonly intervalMs: number

  constructor(
    perSecond: number,
    private readonly clock: () => number = Date.now,
    private readonly wait: Sleep = sleep
  ) {
    this.intervalMs = 1000 / perSecond
  }

  take(): Promise<void> {
    const mine = this.turn.then(async () => {
      for (
        let due = this.lastRelease + this.intervalMs - this.clock();
        due > 0;
        due = this.lastRelease + this.intervalMs - this.clock()
      ) {
        await this.wait(due)
      }
      this.lastRelease = this.clock()
    })
    this.turn = mine
    return mine
  }
}
