/**
 * GitHub caps what a step may publish (1 MiB of job summary, 1 MB per output, 65,536 characters per issue
 * body). Every place that must fit such a limit spends one Budget: what fits is kept, what does not is
 * counted, so that the text can say what it left out.
 */
export class Budget {
  constructor(
    private remaining: number,
    private readonly parent?: Budget
  ) {}

  /**
   * A part of what is left, at most `size`, for one section that must not crowd out the others: what is spent
   * from the part is spent from this budget too.
   */
  portion(size: number): Budget {
    return new Budget(Math.max(0, Math.min(size, this.remaining)), this)
  }

  /** What is left to spend. */
  get left(): number {
    return this.remaining
  }

  /** Spends `cost` when it fits in what is left; false (and nothing spent) when it does not. */
  take(cost: number): boolean {
    if (cost > this.remaining || (this.parent && cost > this.parent.left)) return false
    this.remaining -= cost
    this.parent?.take(cost)
    return true
  }

  /**
   * The items, in order, whose cost fits in what is left, and how many did not. With `prefix`, the first item
   * that does not fit ends the list (keeping an order of urgency); without it, smaller items after it may still fit.
   */
  fit<T>(items: readonly T[], cost: (item: T) => number, options: { prefix?: boolean } = {}): { kept: T[]; omitted: number } {
    const kept: T[] = []
    for (const item of items) {
      if (this.take(cost(item))) kept.push(item)
      else if (options.prefix) break
    }
    return { kept, omitted: items.length - kept.length }
  }
}

/** Size in UTF-8 bytes, as GitHub counts the job summary and outputs. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}
