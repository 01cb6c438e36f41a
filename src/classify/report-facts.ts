import { isRegionName } from '../shared/aws-names.js'
import type { CertificateRecord, RenewalInfo, Replacement } from '../types.js'
import type { Details } from './finding.js'

/**
 * The facts a merge takes from a report's certificate, and only these: what AWS said about it. Everything a
 * person is told (state, days left, action, explanation, command, critical) is derived again from them, as a
 * single run derives it. Each fact has its key in the report, its field, and the check its value must pass;
 * a fact added to CertificateRecord is added here, in one line, and the merge carries it.
 */
type Kind = keyof typeof CHECKS
interface Fact {
  /** The key in the report file. */
  key: string
  /** The CertificateRecord field it fills (or, for look-ups, the details part). */
  field: string
  kind: Kind
  /** May be null or absent in the report (the field is then left undefined). */
  optional?: boolean
}

/** A token as AWS spells an enum value: an unknown one (a new status or key algorithm) is carried as it is. */
const ENUM = /^[A-Za-z0-9_.:-]{1,64}$/u
const ACCOUNT = /^\d{12}$/u
const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]{1,128}$/u
/** Any resource ARN (InUseBy): no spaces, quotes or shell characters. */
const RESOURCE_ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12})?:[A-Za-z0-9/:._+=,@*-]{1,1024}$/u
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/u
/** A name, account name or note: printable text of bounded length (rendered escaped). */
const TEXT = /^[^\p{Cc}]{0,1024}$/u

const CHECKS = {
  arn: (value: unknown) => typeof value === 'string' && ACM_ARN.test(value),
  account: (value: unknown) => typeof value === 'string' && ACCOUNT.test(value),
  region: (value: unknown) => typeof value === 'string' && isRegionName(value),
  enum: (value: unknown) => typeof value === 'string' && ENUM.test(value),
  text: (value: unknown) => typeof value === 'string' && TEXT.test(value),
  names: (value: unknown) => Array.isArray(value) && value.every((name) => typeof name === 'string' && TEXT.test(name)),
  enums: (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string' && ENUM.test(item)),
  resourceArn: (value: unknown) => typeof value === 'string' && RESOURCE_ARN.test(value),
  date: (value: unknown) => typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)),
  boolean: (value: unknown) => typeof value === 'boolean',
  number: (value: unknown) => typeof value === 'number' && Number.isFinite(value)
} as const

const DESCRIBED: Record<Kind, string> = {
  arn: 'an ACM certificate ARN',
  account: 'a 12-digit account id',
  region: 'a region name',
  enum: 'a value as AWS spells it',
  text: 'one line of text',
  names: 'a list of names',
  enums: 'a list of values as AWS spells them',
  resourceArn: 'a resource ARN',
  date: 'an ISO 8601 UTC date',
  boolean: 'true or false',
  number: 'a number'
}

/** A certificate's facts from ListCertificates, each to its CertificateRecord field. */
export const CERTIFICATE_FACTS: readonly Fact[] = [
  { key: 'arn', field: 'arn', kind: 'arn' },
  { key: 'account', field: 'account', kind: 'account' },
  { key: 'accountName', field: 'accountName', kind: 'text', optional: true },
  { key: 'region', field: 'region', kind: 'region' },
  { key: 'domain', field: 'domain', kind: 'text' },
  { key: 'subjectAlternativeNames', field: 'subjectAlternativeNames', kind: 'names' },
  { key: 'type', field: 'type', kind: 'enum' },
  { key: 'status', field: 'acmStatus', kind: 'enum' },
  { key: 'keyAlgorithm', field: 'keyAlgorithm', kind: 'enum' },
  { key: 'notAfter', field: 'notAfter', kind: 'date' },
  { key: 'inUse', field: 'inUse', kind: 'boolean', optional: true },
  { key: 'renewalEligibility', field: 'renewalEligibility', kind: 'enum', optional: true },
  { key: 'exported', field: 'exported', kind: 'boolean', optional: true },
  { key: 'keyPairOrigin', field: 'keyPairOrigin', kind: 'enum', optional: true },
  { key: 'managedBy', field: 'managedBy', kind: 'enum', optional: true },
  { key: 'exportOption', field: 'exportOption', kind: 'enum', optional: true },
  { key: 'notBefore', field: 'notBefore', kind: 'date', optional: true }
]

/** What DescribeCertificate (and the other look-ups) told about a flagged certificate. */
export const LOOKUP_FACTS: readonly Fact[] = [
  { key: 'renewalStatus', field: 'renewalStatus', kind: 'enum', optional: true },
  { key: 'renewalReason', field: 'renewalReason', kind: 'enum', optional: true },
  { key: 'tagNote', field: 'tagNote', kind: 'text', optional: true },
  { key: 'validationMethods', field: 'validationMethods', kind: 'enums', optional: true },
  { key: 'acmeEndpointArn', field: 'acmeEndpointArn', kind: 'resourceArn', optional: true }
]

const UNREAD = ['renewal status', 'resources', 'tags'] as const

/** Reads the facts of a table from one report entry; throws the first that fails its check, in words. */
function readFacts(json: Record<string, unknown>, facts: readonly Fact[], what: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const fact of facts) {
    const value = json[fact.key]
    if (value === undefined || value === null) {
      if (fact.optional) continue
      throw new Error(`${what} has no ${fact.key}.`)
    }
    if (!CHECKS[fact.kind](value)) {
      throw new Error(`the ${fact.key} of ${what} is not ${DESCRIBED[fact.kind]} (${JSON.stringify(value).slice(0, 80)}).`)
    }
    out[fact.field] = fact.kind === 'date' ? new Date(value as string) : value
  }
  return out
}

/** A certificate entry's facts as the CertificateRecord the scan had; throws when one is malformed. */
export function recordFromFacts(json: Record<string, unknown>): CertificateRecord {
  const what = typeof json.arn === 'string' ? JSON.stringify(json.arn.slice(0, 200)) : 'a certificate'
  const record = readFacts(json, CERTIFICATE_FACTS, what) as unknown as CertificateRecord
  const arnParts = record.arn.split(':')
  if (arnParts[4] !== record.account || arnParts[3] !== record.region) {
    throw new Error(`${what} is not in account ${record.account} and region ${record.region}, where the report places it.`)
  }
  record.id = record.arn.slice(record.arn.indexOf('/') + 1)
  if (record.exported !== true) delete record.exported
  return record
}

/** A flagged certificate's look-ups, as toFinding takes them: details, replacement, and what was not read. */
export function lookupsFromFacts(
  json: Record<string, unknown>,
  record: CertificateRecord
): { details: Details; replacement: Replacement | undefined; extras: { tagsUnread: boolean; tagNote?: string } } {
  const what = JSON.stringify(record.arn)
  const facts = readFacts(json, LOOKUP_FACTS, what)
  const unread = json.unread ?? []
  if (!Array.isArray(unread) || !unread.every((item) => (UNREAD as readonly unknown[]).includes(item))) {
    throw new Error(`the unread of ${what} is not a list of ${UNREAD.join(', ')}.`)
  }
  const inUseBy = json.inUseBy
  let resources: string[] | undefined
  if (Array.isArray(inUseBy)) {
    resources = inUseBy.map((resource: unknown) =>
      typeof resource === 'object' && resource !== null ? (resource as { arn?: unknown }).arn : resource
    ) as string[]
    if (!resources.every((arn) => typeof arn === 'string' && RESOURCE_ARN.test(arn))) {
      throw new Error(`the inUseBy of ${what} is not a list of resource ARNs.`)
    }
  } else if (inUseBy !== null && inUseBy !== undefined) {
    throw new Error(`the inUseBy of ${what} is not a list of resource ARNs.`)
  }
  let replacement: Replacement | undefined
  if (json.replacement !== null && json.replacement !== undefined) {
    const given = json.replacement as { arn?: unknown; notAfter?: unknown }
    if (!CHECKS.arn(given.arn) || !CHECKS.date(given.notAfter)) {
      throw new Error(`the replacement of ${what} is not an ACM certificate ARN with an ISO 8601 notAfter.`)
    }
    replacement = { arn: given.arn as string, notAfter: new Date(given.notAfter as string) }
  }
  const describedUnread = unread.includes('resources') || unread.includes('renewal status')
  const renewal: RenewalInfo = {
    status: facts.renewalStatus as string | undefined,
    reason: facts.renewalReason as string | undefined
  }
  return {
    details: describedUnread
      ? 'unread'
      : {
          renewal,
          inUseBy: resources ?? [],
          ...(Array.isArray(facts.validationMethods) ? { validationMethods: facts.validationMethods as string[] } : {}),
          ...(typeof facts.acmeEndpointArn === 'string' ? { acmeEndpointArn: facts.acmeEndpointArn } : {})
        },
    replacement,
    extras: {
      tagsUnread: unread.includes('tags'),
      ...(typeof facts.tagNote === 'string' ? { tagNote: facts.tagNote } : {})
    }
  }
}
