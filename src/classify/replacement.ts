import { ArnStore, doubled } from './arn-store.js'
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
  /** Type (AMAZON_ISSUED, IMPORTED, PRIVATE) and key algorithm: what trusts it, and what can serve it. */
  type: string
  keyAlgorithm: string
  keyPairOrigin?: string | undefined
  managedBy?: string | undefined
}

/** What a replacement must match of the certificate it replaces. */
export interface ReplacementNeeds {
  type: string
  keyAlgorithm: string
  /** The private CA of a PRIVATE certificate (DescribeCertificate's CertificateAuthorityArn); a PRIVATE one without it gets none. */
  authority?: string | undefined
}

/** What DescribeCertificate told about candidates: their full names, and the CA of PRIVATE ones (null: none given). */
export interface CandidateDetails {
  fullNames?: ReadonlyMap<string, readonly string[]>
  authorities?: ReadonlyMap<string, string | null>
}

export interface ReplacementSearch {
  replacement?: Replacement
  /**
   * Candidates to describe, the most promising first, each only when it would win once read: those that cover some of the names by
   * their listed names and have more names than the listing shows, and PRIVATE ones whose CA is not known yet.
   */
  needDescribe: string[]
}

/** Key families: a load balancer serving an RSA certificate's clients needs an RSA one (and an EC one an EC one). */
export function keyFamily(keyAlgorithm: string): 'RSA' | 'EC' | undefined {
  if (keyAlgorithm.startsWith('RSA')) return 'RSA'
  if (keyAlgorithm.startsWith('EC')) return 'EC'
  return undefined
}

const TYPE_CODES: Readonly<Record<string, number>> = { AMAZON_ISSUED: 1, IMPORTED: 2, PRIVATE: 3 }
const FAMILY_CODES: Readonly<Record<string, number>> = { RSA: 0, EC: 4 }

/** A candidate's type and key family as one byte; undefined when it is of a type or family nothing can take. */
function kindCode(type: string, keyAlgorithm: string): number | undefined {
  const typeCode = TYPE_CODES[type]
  const family = keyFamily(keyAlgorithm)
  return typeCode === undefined || family === undefined ? undefined : typeCode + (FAMILY_CODES[family] as number)
}

/**
 * Whether a candidate of `candidate` kind may replace a certificate needing `needs`: the same key family,
 * and the same trust: PRIVATE only for PRIVATE (the CA is checked apart), AMAZON_ISSUED only by AMAZON_ISSUED,
 * IMPORTED by IMPORTED or AMAZON_ISSUED (a public certificate ACM renews).
 */
function kindFits(candidate: number, needs: ReplacementNeeds): boolean {
  const wanted = kindCode(needs.type, needs.keyAlgorithm)
  if (wanted === undefined || (candidate & 4) !== (wanted & 4)) return false
  const type = candidate & 3
  switch (needs.type) {
    case 'PRIVATE':
      return type === TYPE_CODES.PRIVATE
    case 'AMAZON_ISSUED':
      return type === TYPE_CODES.AMAZON_ISSUED
    case 'IMPORTED':
      return type === TYPE_CODES.IMPORTED || type === TYPE_CODES.AMAZON_ISSUED
    default:
      return false
  }
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
  private kinds = new Uint8Array(1024)
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

  /**
   * Takes a listed certificate in when it can replace another: ISSUED, expiring after the cutoff, of a type and
   * key family it knows, and one ACM can attach (not ACME-issued, not CloudFront-managed).
   */
  offer(certificate: ListedCertificate): void {
    if (certificate.status !== 'ISSUED' || !certificate.notAfter) return
    const notAfter = certificate.notAfter.getTime()
    if (notAfter <= this.cutoff.getTime()) return
    const kind = kindCode(certificate.type, certificate.keyAlgorithm)
    // isAttachable, without its allocations: neither ACME-issued nor of an unknown origin, nor managed by anyone.
    const origin = certificate.keyPairOrigin
    if (kind === undefined || (origin !== undefined && origin !== 'AWS_MANAGED' && origin !== 'CUSTOMER_PROVIDED')) return
    if (certificate.managedBy !== undefined) return
    // Called for every certificate listed: no closures, intermediate arrays, sets or strings.
    const id = this.candidates
    if (id === this.notAfters.length) {
      this.notAfters = doubled(this.notAfters)
      const kinds = new Uint8Array(this.kinds.length * 2)
      kinds.set(this.kinds)
      this.kinds = kinds
    }
    this.notAfters[id] = notAfter
    this.kinds[id] = kind
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
   * The candidate, other than `self`, of the same trust and key family as `needs` (for a PRIVATE certificate,
   * from the same CA), that covers every name and expires last (ties: the smaller ARN). `details` holds what
   * DescribeCertificate told about candidates, once read.
   */
  find(required: readonly string[], self: string, needs: ReplacementNeeds, details: CandidateDetails = {}): ReplacementSearch {
    const names = [...new Set(required.map(normaliseName))].filter(Boolean)
    if (names.length === 0 || (needs.type === 'PRIVATE' && !needs.authority)) return { needDescribe: [] }
    const fullNames = details.fullNames ?? new Map<string, readonly string[]>()
    const authorities = details.authorities ?? new Map<string, string | null>()
    this.prepare(names)
    const seen = new Set<number>()
    for (const name of names) {
      for (const key of [name, coveringWildcard(name)]) if (key !== undefined) for (const id of this.holders(key)) seen.add(id)
    }
    let best: number | undefined
    const unread: number[] = []
    for (const id of seen) {
      if (!kindFits(this.kinds[id] as number, needs)) continue
      const arn = this.arns.get(id)
      if (arn === self) continue
      const full = fullNames.get(arn)
      const covers = full ? namesCover(full, names) : names.every((name) => this.holds(id, name))
      if (!covers) {
        if (!full && this.partial.has(id)) unread.push(id)
        continue
      }
      if (needs.type === 'PRIVATE') {
        // Only DescribeCertificate names a private certificate's CA.
        const authority = authorities.get(arn)
        if (authority === undefined) unread.push(id)
        if (authority !== needs.authority) continue
      }
      if (best === undefined || this.isBetter(id, best)) best = id
    }
    // Only a candidate that would win once it is read is worth a look-up.
    const needDescribe = unread
      .filter((id) => best === undefined || this.isBetter(id, best))
      .sort((a, b) => (this.isBetter(a, b) ? -1 : 1))
      .map((id) => this.arns.get(id))
    if (best === undefined) return { needDescribe }
    return { replacement: { arn: this.arns.get(best), notAfter: new Date(this.notAfters[best] as number) }, needDescribe }
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
