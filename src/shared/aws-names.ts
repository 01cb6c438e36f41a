/**
 * AWS region names: a partition prefix (us, eu, ap, cn, us-gov, eusc, ...), one or more words,
 * and a number, as in us-east-1, ap-southeast-5, us-gov-west-1, eusc-de-east-1.
 */
const REGION_PATTERN = /^[a-z]{2,5}(-[a-z]+){1,3}-\d{1,2}$/u

export const DEFAULT_REGION = 'us-east-1'

export function isRegionName(value: string): boolean {
  return REGION_PATTERN.test(value)
}

/** The region used when the `regions` input is empty, following the AWS CLI's order. */
export function defaultRegion(env: NodeJS.ProcessEnv): string {
  return env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || DEFAULT_REGION
}

/** The partition a region belongs to, for ARNs and console links. */
export function partitionOf(region: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

/**
 * The region for account-wide calls (STS, region discovery): AWS_REGION or AWS_DEFAULT_REGION when set,
 * else the first region listed, else us-east-1. Listing a region of another partition first (cn-north-1,
 * us-gov-west-1) points these calls at that partition.
 */
export function homeRegion(regions: readonly string[] | 'all', env: NodeJS.ProcessEnv): string {
  const configured = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim()
  if (configured && isRegionName(configured)) return configured
  return regions !== 'all' && regions[0] ? regions[0] : DEFAULT_REGION
}

/** The account and region fields of an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE); empty when absent. */
export function arnParts(arn: string): { region: string; account: string; resource: string } {
  const parts = arn.split(':')
  return { region: parts[3] ?? '', account: parts[4] ?? '', resource: parts.slice(5).join(':') }
}

/** One (account, region) as a lookup key: "123456789012:eu-west-1", or ":eu-west-1" without an account. */
export function placeKey(account: string | undefined, region: string): string {
  return `${account ?? ''}:${region}`
}

/** "eu-west-1", or "eu-west-1 (account 123456789012)" when the account is known. */
export function placeName(account: string | undefined, region: string): string {
  return account ? `${region} (account ${account})` : region
}
