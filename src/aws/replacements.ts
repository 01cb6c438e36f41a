import type { DescribedCertificate } from './certificate-details.js'
import type { ReplacementIndex } from '../classify/replacement.js'
import type { Replacement } from '../types.js'

/**
 * The replacement of each flagged certificate in use, from the region's name index. A candidate whose
 * listing shows only part of its names (HasAdditionalSubjectAlternativeNames) is described, once, and
 * only when it could win.
 */
export async function findReplacements(
  index: ReplacementIndex,
  flagged: ReadonlyArray<{ arn: string; names: readonly string[] }>,
  describe: (arn: string) => Promise<DescribedCertificate>
): Promise<Map<string, Replacement>> {
  const found = new Map<string, Replacement>()
  if (index.size === 0) return found
  const fullNames = new Map<string, readonly string[]>()
  index.prepare(flagged.flatMap((certificate) => certificate.names))
  for (const certificate of flagged) {
    let search = index.find(certificate.names, certificate.arn, fullNames)
    if (search.needFullNames.length > 0) {
      const read = await Promise.all(search.needFullNames.map(async (arn) => [arn, (await describe(arn)).names] as const))
      for (const [arn, names] of read) fullNames.set(arn, names)
      search = index.find(certificate.names, certificate.arn, fullNames)
    }
    if (search.replacement) found.set(certificate.arn, search.replacement)
  }
  return found
}
