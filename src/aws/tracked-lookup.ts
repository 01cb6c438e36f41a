import type { describeCertificate } from './certificate-details.js'
import { errorCode, OperationError } from './errors.js'
import { arnParts } from '../shared/aws-names.js'
import type { UnlistedCertificate } from '../types.js'

/** The tracked ARNs of this (account, region) that its complete listing did not show. */
export function unlistedHere(
  watched: ReadonlySet<string> | undefined,
  listed: ReadonlySet<string>,
  target: { account: string | undefined; region: string }
): string[] {
  return [...(watched ?? [])].filter((arn) => {
    const { account, region } = arnParts(arn)
    return region === target.region && (target.account === undefined || account === target.account) && !listed.has(arn)
  })
}

/**
 * One DescribeCertificate for each tracked certificate the listing no longer shows: not found means it was
 * deleted; found, its status (REVOKED, INACTIVE, or another the statuses input does not list) keeps it in the
 * tracking issue. A look-up that fails leaves it unread.
 */
export async function lookUpUnlisted(
  arns: readonly string[],
  describe: (arn: string) => ReturnType<typeof describeCertificate>
): Promise<UnlistedCertificate[]> {
  return Promise.all(
    arns.map(async (arn): Promise<UnlistedCertificate> => {
      try {
        return { arn, outcome: 'found', status: (await describe(arn)).status ?? 'UNKNOWN' }
      } catch (error) {
        const cause = error instanceof OperationError ? error.original : error
        return errorCode(cause) === 'ResourceNotFoundException' ? { arn, outcome: 'deleted' } : { arn, outcome: 'unread' }
      }
    })
  )
}
