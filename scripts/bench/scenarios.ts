import { DEFAULT_ACCOUNT } from '../../emulator/aws-emulator.js'
import type { CertificateSeed } from '../../emulator/types.js'
import type { RegionData } from './types.js'

export const SCENARIO_NAMES = ['empty', 'wide', 'deep', 'accounts', 'manual', 'org', 'org-large'] as const
export type ScenarioName = (typeof SCENARIO_NAMES)[number]
/** Scenarios too long for every run of the bench: they run only when --only names them. */
export const ONLY_WHEN_NAMED: readonly ScenarioName[] = ['org-large']

export const DAY_MS = 86_400_000
/** Injected latency of every AWS response (empty runs without). */
export const LATENCY_MS = 40
export const THRESHOLD_DAYS = 30
/** ListCertificates' largest page, which the action asks for. */
export const PAGE_SIZE = 1000
export const ACM_OPERATIONS = ['ListCertificates', 'DescribeCertificate', 'ListTagsForCertificate'] as const
/** Pause between runs, so that the emulator's one-second quota windows are empty when a run starts. */
export const SETTLE_MS = 1_100
export const DEFAULT_RUNS = { empty: 5, others: 3 } as const

/** How often the retained-memory run collects garbage and samples what is left. */
export const RETAINED_EVERY_MS = 500

export const TARGETS = {
  floorRatio: 1.25,
  deepRssRatio: 1.2,
  /**
   * Memory held per certificate listed beyond the reference's 1,000: the replacement index keeps about
   * 50 bytes of each (ARN, NotAfter, name keys), and 1 % of them are findings of a few KiB each.
   */
  deepRetainedBytesPerCertificate: 256,
  startupOverNodeMs: 300
} as const

export const REGIONS_16 = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2'
] as const

export interface Layout {
  accounts: readonly string[]
  regions: readonly string[]
  perRegion: number
}

/** A scenario in which the action audits seeded data, with the latency and the quotas. */
export interface ActionScenario {
  name: 'wide' | 'deep' | 'accounts'
  /** The progress line printed before it starts. */
  announce: string
  /** Its "Data" cell in the results. */
  data: string
  layout: Layout
  /** Authenticate through OIDC with one role per account (roleArn), without static keys. */
  oidc?: boolean
  /**
   * One more run, after the measured ones, that collects garbage every RETAINED_EVERY_MS and reports the
   * most memory held after a collection (for the scenario and its memory reference).
   */
  retained?: boolean
  /** A smaller run of the same layout, whose peak RSS the scenario is compared with. */
  memoryReference?: { announce: string; data: string; label: string; perRegion: number }
}

export const ACTION_SCENARIOS: readonly ActionScenario[] = [
  {
    name: 'wide',
    announce: 'wide: 16 regions × 5,000 certificates, 1 % inside the threshold, latency 40 ms',
    data: '16 regions × 5,000 certificates',
    layout: { accounts: [DEFAULT_ACCOUNT], regions: REGIONS_16, perRegion: 5_000 }
  },
  {
    name: 'deep',
    announce: 'deep: 1 region × 50,000 certificates, latency 40 ms',
    data: '1 region × 50,000 certificates',
    layout: { accounts: [DEFAULT_ACCOUNT], regions: ['us-east-1'], perRegion: 50_000 },
    retained: true,
    memoryReference: {
      announce: 'deep (memory reference): 1 region × 1,000 certificates',
      data: '1 region × 1,000 certificates',
      label: 'deep (1,000)',
      perRegion: 1_000
    }
  },
  {
    name: 'accounts',
    announce: 'accounts: 3 accounts (OIDC roles) × 4 regions × 2,000 certificates, latency 40 ms',
    data: '3 accounts × 4 regions × 2,000 certificates',
    layout: {
      accounts: ['111111111111', '222222222222', '333333333333'],
      regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'],
      perRegion: 2_000
    },
    oidc: true
  }
]

/** An AWS organization: accounts (the management account included), shards, and the memory reference's size. */
export const ORG_SCENARIO = {
  announce:
    'org: 300 accounts × 17 regions, 1 % of account-regions holding 100 certificates, latency 40 ms; then 8 shards and their merge',
  accounts: 300,
  referenceAccounts: 30,
  shards: 8
} as const

/** The largest organizations: as a matrix of shards run one after another, their merge, and in one job. */
export const ORG_LARGE_SCENARIO = {
  announce:
    'org-large: 5,000 accounts × 17 regions, 1 % of account-regions holding 100 certificates, latency 40 ms; 16 shards one after another, their merge, then one job',
  accounts: 5_000,
  shards: 16
} as const

/** The action's fixed cost: one region without certificates and without latency. */
export const EMPTY_SCENARIO = {
  announce: 'empty: 1 region, 0 certificates, next to a bare node -e ""',
  data: '1 region × 0 certificates (latency 0)',
  account: DEFAULT_ACCOUNT,
  region: 'us-east-1'
} as const

/** The manual comparison; at DescribeCertificate's 10/s its loop then needs about a minute. */
export const MANUAL_SCENARIO = {
  account: DEFAULT_ACCOUNT,
  regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
  perRegion: 160
} as const

export const roleArn = (account: string): string => `arn:aws:iam::${account}:role/acm-expiry-audit`

export function emptyRegion(account: string, region: string): RegionData {
  return { account, region, certificates: 0, flagged: 0, flaggedManaged: 0, manualListed: 0, manualFlagged: 0 }
}

/**
 * The certificates of an (account, region) holding `count`: 1 % of them inside the threshold
 * (alternately IMPORTED and AMAZON_ISSUED, some already expired), the rest expiring in 45 to 345 days;
 * 80 % RSA_2048, 10 % EC_prime256v1 and 10 % RSA_4096, as a real account mixes them.
 */
export function regionSeeds(
  account: string,
  region: string,
  count: number,
  now: number
): { seeds: CertificateSeed[]; data: RegionData } {
  const seeds: CertificateSeed[] = []
  const data = { ...emptyRegion(account, region), certificates: count }
  for (let i = 0; i < count; i += 1) {
    const inside = i % 100 === 37
    const j = data.flagged
    const keyAlgorithm = inside
      ? j % 5 === 4
        ? 'EC_prime256v1'
        : 'RSA_2048'
      : i % 10 === 3
        ? 'EC_prime256v1'
        : i % 10 === 6
          ? 'RSA_4096'
          : 'RSA_2048'
    const type = inside && j % 2 === 0 ? 'IMPORTED' : 'AMAZON_ISSUED'
    const notAfter = new Date(now + (inside ? -5 + ((j * 7) % 30) + 0.5 : 45 + ((i * 13) % 300)) * DAY_MS)
    const domain = `svc-${i}.${region}.a${account.slice(-4)}.example.com`
    seeds.push({
      domain,
      subjectAlternativeNames: [domain, `www.${domain}`],
      type,
      keyAlgorithm,
      notAfter,
      ...(type === 'AMAZON_ISSUED' && inside
        ? { renewal: { status: j % 3 === 0 ? 'PENDING_VALIDATION' : 'PENDING_AUTO_RENEWAL' } }
        : {})
    })
    // The manual method lists status ISSUED and the key types ListCertificates returns by default.
    const manualListed = notAfter.getTime() >= now && keyAlgorithm === 'RSA_2048'
    if (inside) {
      data.flagged += 1
      if (type === 'AMAZON_ISSUED') data.flaggedManaged += 1
      if (manualListed) data.manualFlagged += 1
    }
    if (manualListed) data.manualListed += 1
  }
  return { seeds, data }
}
