import type { Replacement } from '../types.js'

/** Names compared as DNS compares them: case-insensitive, without a trailing dot. */
export function normaliseName(name: string): string {
  const lower = name.trim().toLowerCase()
  return lower.endsWith('.') ? lower.slice(0, -1) : lower
}

/** The wildcard name that would cover `name`: `a.example.com` → `*.example.com`; none for a wildcard or a single label. */
export function coveringWildcard(name: string): string | undefined {
  const dot = name.indexOf('.')
  if (name.startsWith('*.') || dot <= 0 || dot === name.length - 1) return undefined
  return `*${name.slice(dot)}`
}

/**
 * Whether a certificate with `offered` names is valid for every one of `required`. A wildcard covers
 * exactly one label: `*.example.com` covers `a.example.com` and `*.example.com`, not `example.com` nor
 * `a.b.example.com`.
 */
export function namesCover(offered: readonly string[], required: readonly string[]): boolean {
  const names = new Set(offered.map(normaliseName))
  return required.every((raw) => {
    const name = normaliseName(raw)
    const wildcard = coveringWildcard(name)
    return names.has(name) || (wildcard !== undefined && names.has(wildcard))
  })
}

/** What the index needs of a listed certificate. */
export interface ListedCertificate {
  arn: string
  status: string
  notAfter: Date | undefined
  names: readonly string[]
  /** ListCertificates shows only the first 100 names: the rest needs DescribeCertificate. */
  hasAdditionalNames: boolean
}

export interface ReplacementSearch {
  replacement?: Replacement
  /** Candidates that cover some of the names by their listed names and have more names than the listing shows. */
  needFullNames: string[]
}

/**
 * Every ISSUED certificate of one (account, region) that outlives the threshold, by name, kept compact:
 * each name maps to the small numbers of the candidates holding it, and a candidate is only its ARN and
 * NotAfter (the listing's summaries are not kept). A replacement can be listed after the certificate it
 * replaces, so searches run once the listing has ended.
 */
export class ReplacementIndex {
  private readonly arns: string[] = []
  private readonly notAfters: number[] = []
  private readonly partial = new Set<number>()
  private readonly byName = new Map<string, number | number[]>()

  /** @param cutoff candidates must expire after this instant (now + the threshold). */
  constructor(private readonly cutoff: Date) {}

  get size(): number {
    return this.arns.length
  }

  /** Takes a listed certificate in when it can replace another: ISSUED and expiring after the cutoff. */
  offer(certificate: ListedCertificate): void {
    if (certificate.status !== 'ISSUED' || !certificate.notAfter) return
    if (certificate.notAfter.getTime() <= this.cutoff.getTime()) return
    const id = this.arns.length
    this.arns.push(certificate.arn)
    this.notAfters.push(certificate.notAfter.getTime())
    if (certificate.hasAdditionalNames) this.partial.add(id)
    // Called for every certificate listed: no intermediate arrays or sets.
    for (const raw of certificate.names) {
      const name = normaliseName(raw)
      if (!name) continue
      const held = this.byName.get(name)
      if (held === undefined) this.byName.set(name, id)
      else if (typeof held === 'number') {
        if (held !== id) this.byName.set(name, [held, id])
      } else if (held[held.length - 1] !== id) held.push(id)
    }
  }

  /**
   * The candidate, other than `self`, that covers every name and expires last (ties: the smaller ARN).
   * `fullNames` holds the complete names of candidates that have more than the listing shows, once read.
   */
  find(
    required: readonly string[],
    self: string,
    fullNames: ReadonlyMap<string, readonly string[]> = new Map()
  ): ReplacementSearch {
    const names = [...new Set(required.map(normaliseName))].filter(Boolean)
    if (names.length === 0) return { needFullNames: [] }
    const seen = new Set<number>()
    for (const name of names) {
      for (const key of [name, coveringWildcard(name)]) if (key !== undefined) for (const id of this.holders(key)) seen.add(id)
    }
    let best: number | undefined
    const unread: number[] = []
    for (const id of seen) {
      const arn = this.arns[id] as string
      if (arn === self) continue
      const full = fullNames.get(arn)
      const covers = full ? namesCover(full, names) : names.every((name) => this.holds(id, name))
      if (!covers) {
        if (!full && this.partial.has(id)) unread.push(id)
        continue
      }
      if (best === undefined || this.isBetter(id, best)) best = id
    }
    // Only a candidate that would win once its other names are read is worth a look-up.
    const needFullNames = unread
      .filter((id) => best === undefined || this.isBetter(id, best))
      .map((id) => this.arns[id] as string)
    if (best === undefined) return { needFullNames }
    return { replacement: { arn: this.arns[best] as string, notAfter: new Date(this.notAfters[best] as number) }, needFullNames }
  }

  private isBetter(id: number, than: number): boolean {
    const a = this.notAfters[id] as number
    const b = this.notAfters[than] as number
    return a > b || (a === b && (this.arns[id] as string) < (this.arns[than] as string))
  }

  private holders(key: string): readonly number[] {
    const held = this.byName.get(key)
    return held === undefined ? [] : typeof held === 'number' ? [held] : held
  }

  private holds(id: number, name: string): boolean {
    const wildcard = coveringWildcard(name)
    return this.holders(name).includes(id) || (wildcard !== undefined && this.holders(wildcard).includes(id))
  }
}
