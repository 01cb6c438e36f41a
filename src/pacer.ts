export type Sleep = (ms: number) => Promise<void>

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Spaces calls evenly so that no more than `perSecond` start in any second: each caller takes the next
 * free slot. ACM enforces its request quotas per account and region, so one pacer serves one operation
 * of one (account, region) client.
 */
export class Pacer {
  private nextSlot = 0
  private readonly intervalMs: number

  constructor(
    perSecond: number,
    private readonly clock: () => number = Date.now,
    private readonly wait: Sleep = sleep
  ) {
    this.intervalMs = 1000 / perSecond
  }

  async take(): Promise<void> {
    const now = this.clock()
    const slot = Math.max(now, this.nextSlot)
    this.nextSlot = slot + this.intervalMs
    if (slot > now) await this.wait(slot - now)
  }
}
