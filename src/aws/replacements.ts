import type { DescribedCertificate } from './certificate-details.js'
import type { ReplacementIndex, ReplacementNeeds } from '../classify/replacement.js'
import type { Replacement } from '../types.js'

/**
 * The replacement of each flagged certificate in use, from the region's name index: of the same trust and
 * key family (a PRIVATE one from the same CA). A candidate is described, once, and only when it could win:
 * when its listing shows only part of its names (HasAdditionalSubjectAlternativeNames), or when it is PRIVATE
 * (only DescribeCertificate names its CA), the one that would win first.
 */
export async function findReplacements(
  index: ReplacementIndex,
  flagged: ReadonlyArray<{ arn: string; names: readonly string[]; needs: ReplacementNeeds }>,
  describe: (arn: string) => Promise<DescribedCertificate>
): Promise<Map<string, Replacement>> {
  const found = new Map<string, Replacement>()
  if (index.size === 0) return found
  const fullNames = new Map<string, readonly string[]>()
  const authorities = new Map<string, string | null>()
  const details = { fullNames, authorities }
  index.prepare(flagged.flatMap((certificate) => certificate.names))
  for (const certificate of flagged) {
    let search = index.find(certificate.names, certificate.arn, certificate.needs, details)
    // The most promising candidate first, one at a time: once one wins, the others cannot beat it.
    for (let arn = search.needDescribe[0]; arn !== undefined; arn = search.needDescribe[0]) {
      const described = await describe(arn)
      fullNames.set(arn, described.names)
      authorities.set(arn, described.certificateAuthorityArn ?? null)
      search = index.find(certificate.names, certificate.arn, certificate.needs, details)
    }
    if (search.replacement) found.set(certificate.arn, search.replacement)
  }
  return found
}
