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
  /** Its DomainName, one of its names (given apart, so that the listing's arrays are used as they are). */
  domainName?: string | undefined
  /** Its other names (SubjectAlternativeNameSummaries, which usually repeat the DomainName). */
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
 * about n² / 2⁵³ among n names (3 in 10 million at 50,000 names). The key is that of the name as
 * `normaliseName` gives it; called for every name listed, it normalises plain ASCII names as it reads
 * them, without building the normalised string.
 */
export function nameKey(name: string): number {
  const last = name.length - 1
  const first = name.charCodeAt(0)
  const end = name.charCodeAt(last)
  if (!(first > 32 && end > 32) || !isAscii(name)) {
    const normal = normaliseName(name)
    return hashName(normal, 0, normal.length)
  }
  return hashName(name, 0, end === 46 ? last : last + 1)
}

function isAscii(name: string): boolean {
  for (let i = 0; i < name.length; i += 1) if (name.charCodeAt(i) > 127) return false
  return true
}

/** The key of `name` from `start` to `end`, ASCII upper case read as lower case. */
function hashName(name: string, start: number, end: number): number {
  let a = 0x811c9dc5
  let b = 0x9747b28c
  for (let i = start; i < end; i += 1) {
    let c = name.charCodeAt(i)
    if (c >= 65 && c <= 90) c += 32
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

const UUID_LENGTH = 36

/** Whether a UUID (8-4-4-4-12 lower-case hexadecimal digits) has a dash at `i`. */
function isDashAt(i: number): boolean {
  return i === 8 || i === 13 || i === 18 || i === 23
}

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
      if (isDashAt(i)) {
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

/** A typed array twice as long, holding the same values first. */
function doubled(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer>
function doubled(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer>
function doubled(
  array: Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>
): Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer> {
  const bigger = array instanceof Float64Array ? new Float64Array(array.length * 2) : new Int32Array(array.length * 2)
  bigger.set(array)
  return bigger
}

/**
 * Every ISSUED certificate of one (account, region) that outlives the threshold, by name, kept compact
 * (memory stays flat however many certificates a region holds): a candidate is its ARN (16 bytes for a
 * UUID) and its NotAfter (8 bytes), and each of its names a 52-bit key and the candidate's number (12
 * bytes), in typed arrays that grow by doubling. The listing's summaries are not kept, nor any object per
 * certificate. Searches read the names in one pass (see `prepare`); a replacement can be listed after the
 * certificate it replaces, so they run once the listing has ended.
 */
export class ReplacementIndex {
  private readonly arns = new ArnStore()
  private notAfters = new Float64Array(1024)
  private candidates = 0
  private readonly partial = new Set<number>()
  private nameKeys = new Float64Array(2048)
  private nameOwners = new Int32Array(2048)
  private names = 0
  /** The candidates holding each name looked up so far (by key); cleared by an offer. */
  private readonly holding = new Map<number, readonly number[]>()

  /** @param cutoff candidates must expire after this instant (now + the threshold). */
  constructor(private readonly cutoff: Date) {}

  get size(): number {
    return this.candidates
  }

  /** Takes a listed certificate in when it can replace another: ISSUED and expiring after the cutoff. */
  offer(certificate: ListedCertificate): void {
    if (certificate.status !== 'ISSUED' || !certificate.notAfter) return
    const notAfter = certificate.notAfter.getTime()
    if (notAfter <= this.cutoff.getTime()) return
    // Called for every certificate listed: no closures, intermediate arrays, sets or strings.
    const id = this.candidates
    if (id === this.notAfters.length) this.notAfters = doubled(this.notAfters)
    this.notAfters[id] = notAfter
    this.candidates = id + 1
    this.arns.set(id, certificate.arn)
    if (certificate.hasAdditionalNames) this.partial.add(id)
    if (this.holding.size > 0) this.holding.clear()
    if (certificate.domainName) this.addName(certificate.domainName, id)
    const names = certificate.names
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i]
      if (name) this.addName(name, id)
    }
  }

  private addName(name: string, id: number): void {
    const at = this.names
    if (at === this.nameKeys.length) {
      this.nameKeys = doubled(this.nameKeys)
      this.nameOwners = doubled(this.nameOwners)
    }
    this.nameKeys[at] = nameKey(name)
    this.nameOwners[at] = id
    this.names = at + 1
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
    this.prepare(names)
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

  /**
   * Finds, in one pass over every name offered, the candidates holding each of `names` and the wildcard
   * covering each: the searches for them then read only what they need. A search for other names makes
   * its own pass; calling this first with the names of every certificate to search for saves them.
   */
  prepare(names: Iterable<string>): void {
    const missing = new Map<number, number[]>()
    for (const raw of names) {
      const name = normaliseName(raw)
      for (const key of [name, coveringWildcard(name)]) {
        if (!key) continue
        const hashed = nameKey(key)
        if (!this.holding.has(hashed) && !missing.has(hashed)) missing.set(hashed, [])
      }
    }
    if (missing.size === 0) return
    for (let i = 0; i < this.names; i += 1) missing.get(this.nameKeys[i] as number)?.push(this.nameOwners[i] as number)
    for (const [key, held] of missing) this.holding.set(key, held)
  }

  /** The candidates holding `name`, once prepared. */
  private holders(name: string): readonly number[] {
    return this.holding.get(nameKey(name)) ?? []
  }

  private holds(id: number, name: string): boolean {
    const wildcard = coveringWildcard(name)
    return this.holders(name).includes(id) || (wildcard !== undefined && this.holders(wildcard).includes(id))
  }
}
