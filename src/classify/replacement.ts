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
 * A name as a 52-bit number (two independent 32-bit hashes, FNV-1a and a multiply-xorshift, one of them cut
 * to 20 bits): a key a twentieth the size of the string. Two different names share a key with a chance of
 * about n² / 2⁵³ among n names (3 in 10 million at 50,000 names).
 */
export function nameKey(name: string): number {
  let a = 0x811c9dc5
  let b = 0x9747b28c
  for (let i = 0; i < name.length; i += 1) {
    const c = name.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
    b ^= b >>> 15
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff)
}

/** A lower-case hexadecimal digit's value; -1 for anything else. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 97 && code <= 102) return code - 87
  return -1
}

/** Where a UUID (8-4-4-4-12 lower-case hexadecimal digits) has its dashes. */
const DASHES = new Set([8, 13, 18, 23])
const UUID_LENGTH = 36

/**
 * Certificate ARNs, compact: the part before the certificate id is shared by a whole region, and an id that
 * is a UUID takes 16 bytes instead of a 36-character string. Anything else is kept as it is. Called for
 * every certificate listed, so it reads characters, without regular expressions or substrings.
 */
class ArnStore {
  private prefix: string | undefined
  private bytes = new Uint8Array(16 * 1024)
  private readonly others = new Map<number, string>()

  set(id: number, arn: string): void {
    const start = arn.length - UUID_LENGTH
    this.prefix ??= start > 0 ? arn.slice(0, start) : undefined
    if (!(start > 0 && this.prefix?.length === start && arn.startsWith(this.prefix) && this.pack(id, arn, start))) {
      this.others.set(id, arn)
    }
  }

  /** Writes the UUID at `start` as 16 bytes; false when it is not one. */
  private pack(id: number, arn: string, start: number): boolean {
    if ((id + 1) * 16 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2)
      grown.set(this.bytes)
      this.bytes = grown
    }
    let byte = id * 16
    let high = -1
    for (let i = 0; i < UUID_LENGTH; i += 1) {
      const code = arn.charCodeAt(start + i)
      if (DASHES.has(i)) {
        if (code !== 45) return false
        continue
      }
      const value = nibble(code)
      if (value < 0) return false
      if (high < 0) high = value
      else {
        this.bytes[byte] = high * 16 + value
        byte += 1
        high = -1
      }
    }
    return true
  }

  get(id: number): string {
    const other = this.others.get(id)
    if (other !== undefined) return other
    let hex = ''
    for (let i = 0; i < 16; i += 1) hex += (this.bytes[id * 16 + i] as number).toString(16).padStart(2, '0')
    return `${this.prefix ?? ''}${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
}

/**
 * Every ISSUED certificate of one (account, region) that outlives the threshold, by name, kept compact
 * (memory stays flat however many certificates a region holds): each name, as a 52-bit key, maps to the
 * small numbers of the candidates holding it, and a candidate is only its ARN (16 bytes for a UUID) and
 * NotAfter. The listing's summaries are not kept. A replacement can be listed after the certificate it
 * replaces, so searches run once the listing has ended.
 */
export class ReplacementIndex {
  private readonly arns = new ArnStore()
  private readonly notAfters: number[] = []
  private readonly partial = new Set<number>()
  private readonly byName = new Map<number, number | number[]>()

  /** @param cutoff candidates must expire after this instant (now + the threshold). */
  constructor(private readonly cutoff: Date) {}

  get size(): number {
    return this.notAfters.length
  }

  /** Takes a listed certificate in when it can replace another: ISSUED and expiring after the cutoff. */
  offer(certificate: ListedCertificate): void {
    if (certificate.status !== 'ISSUED' || !certificate.notAfter) return
    if (certificate.notAfter.getTime() <= this.cutoff.getTime()) return
    const id = this.notAfters.length
    this.notAfters.push(certificate.notAfter.getTime())
    this.arns.set(id, certificate.arn)
    if (certificate.hasAdditionalNames) this.partial.add(id)
    // Called for every certificate listed: no intermediate arrays or sets.
    for (const raw of certificate.names) {
      const name = normaliseName(raw)
      if (!name) continue
      const key = nameKey(name)
      const held = this.byName.get(key)
      if (held === undefined) this.byName.set(key, id)
      else if (typeof held === 'number') {
        if (held !== id) this.byName.set(key, [held, id])
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
      const arn = this.arns.get(id)
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
    const needFullNames = unread.filter((id) => best === undefined || this.isBetter(id, best)).map((id) => this.arns.get(id))
    if (best === undefined) return { needFullNames }
    return { replacement: { arn: this.arns.get(best), notAfter: new Date(this.notAfters[best] as number) }, needFullNames }
  }

  private isBetter(id: number, than: number): boolean {
    const a = this.notAfters[id] as number
    const b = this.notAfters[than] as number
    return a > b || (a === b && this.arns.get(id) < this.arns.get(than))
  }

  private holders(name: string): readonly number[] {
    const held = this.byName.get(nameKey(name))
    return held === undefined ? [] : typeof held === 'number' ? [held] : held
  }

  private holds(id: number, name: string): boolean {
    const wildcard = coveringWildcard(name)
    return this.holders(name).includes(id) || (wildcard !== undefined && this.holders(wildcard).includes(id))
  }
}
