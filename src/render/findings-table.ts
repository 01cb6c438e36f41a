import { markdownTable } from 'markdown-table'
import { certificateAccount } from '../classify/report.js'
import { describeResource } from '../classify/resources.js'
import { byTier } from '../classify/urgency.js'
import { count } from '../shared/format.js'
import { certificateConsoleUrl } from './console-links.js'
import { breakable, code, escapeText } from './markdown.js'
import { ACTION_TITLES, daysCell, statusCell, usedByCell } from './used-by.js'
import type { Finding } from '../types.js'

/**
 * The summary's findings tables, one per tier, sized for a job-summary pane (about 1,000 CSS pixels): five
 * columns, names that may wrap, and the action last but short, so that it never falls off the page. Type,
 * renewal status, expiry date and ARN are in each certificate's "What to do" entry.
 */

const HEADER = ['Status', 'Days left', 'Certificate', 'Used by', 'Action']

export function findingsTable(findings: readonly Finding[], now: Date): string {
  return markdownTable([HEADER, ...findings.map((finding) => findingRow(finding, now))], {
    alignDelimiters: false,
    align: ['l', 'r']
  })
}

export function findingRow(finding: Finding, now: Date): string[] {
  return [statusCell(finding), daysCell(finding, now), certificateCell(finding), usedByCell(finding), actionCell(finding)]
}

/** The domain, linked to the ACM console, with its account and region in small text below. */
function certificateCell(finding: Finding): string {
  const name = `[${breakable(finding.domain || finding.id)}](${certificateConsoleUrl(finding.region, finding.id)})`
  const place = [finding.account ? escapeText(certificateAccount(finding)) : '', escapeText(finding.region)].filter(Boolean)
  return `${name}<br><sub>${place.join(' · ')}</sub>`
}

function actionCell(finding: Finding): string {
  return escapeText(ACTION_TITLES[finding.action])
}

/** Resources named in the headline; the rest are counted. */
const BROKEN_RESOURCES_NAMED = 6

/**
 * "2 expired certificates are still attached: `web` (load balancer, ap-southeast-2), …": what is failing now,
 * said first in the summary and the tracking issue; nothing when no expired certificate is in use.
 */
export function brokenHeadline(findings: readonly Finding[]): string | undefined {
  const broken = byTier(findings).broken
  if (broken.length === 0) return undefined
  const places = broken.flatMap((finding) =>
    finding.inUseBy
      ? finding.inUseBy.map((arn) => {
          const resource = describeResource(arn)
          return `${code(resource.name)} (${escapeText(resource.service)}, ${escapeText(finding.region)})`
        })
      : [`${code(finding.domain || finding.id)} (in use, its resources not read, ${escapeText(finding.region)})`]
  )
  const named = places.slice(0, BROKEN_RESOURCES_NAMED)
  const more = places.length - named.length
  const these = places.length === 1 ? 'this resource' : 'these resources'
  return `> [!CAUTION]\n> **${count(broken.length, 'expired certificate is', 'expired certificates are')} still attached:** ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}. Clients of ${these} are failing TLS now.`
}
