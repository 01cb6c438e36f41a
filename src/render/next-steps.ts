import { timeFromNow } from '../classify/expiry.js'
import { certificateAccount } from '../classify/report.js'
import { byTier, CLEANUP_SHOWN_OPEN, type Urgency } from '../classify/urgency.js'
import { count, utcDate } from '../shared/format.js'
import { findingsTable } from './findings-table.js'
import { code, codeBlock, escapeText, indent, shellLines } from './markdown.js'
import { statusMarker, TIER_NOTES, tierTitle } from './used-by.js'
import type { Finding } from '../types.js'

/**
 * The job summary's findings in the tiers a person reads them in: a table per tier (broken now, will break),
 * then "What to do" for those, one entry per certificate in reading order, each with its command; the
 * clean-up of certificates nothing uses last, collapsed when there are more than a few.
 */

/**
 * The findings sections for the shown findings; `totals` counts every finding of each tier (the headings say
 * how many there are, the summary says how many were left out).
 */
export function findingSections(shown: readonly Finding[], totals: Readonly<Record<Urgency, number>>, now: Date): string {
  const tiers = byTier(shown)
  const parts: string[] = []
  for (const tier of ['broken', 'soon'] as const) {
    if (tiers[tier].length === 0) continue
    parts.push(`### ${tierTitle(tier)} (${totals[tier]})`, '', TIER_NOTES[tier], '', findingsTable(tiers[tier], now), '')
  }
  const urgent = [...tiers.broken, ...tiers.soon]
  if (urgent.length > 0) parts.push(nextSteps(urgent, now), '')
  if (tiers.cleanup.length > 0) parts.push(cleanupSection(tiers.cleanup, totals.cleanup, now), '')
  return parts.join('\n').trimEnd()
}

/** "What to do" for the certificates that break (or are broken): per tier, most urgent first. */
export function nextSteps(findings: readonly Finding[], now: Date): string {
  const tiers = byTier(findings)
  const sections = ['### What to do']
  for (const tier of ['broken', 'soon'] as const) {
    if (tiers[tier].length === 0) continue
    sections.push('', `#### ${tierTitle(tier)}`, '', ...tiers[tier].map((finding) => nextStepItem(finding, now)))
  }
  return sections.join('\n')
}

/** The clean-up tier: its table and its entries, open when there are only a few, else collapsed. */
function cleanupSection(findings: readonly Finding[], total: number, now: Date): string {
  const body = [
    TIER_NOTES.cleanup,
    '',
    findingsTable(findings, now),
    '',
    ...findings.map((finding) => nextStepItem(finding, now))
  ]
  if (total <= CLEANUP_SHOWN_OPEN) return [`### Clean-up (${total})`, '', ...body].join('\n')
  return [
    `<details><summary><strong>Clean-up (${total})</strong>: ${count(total, 'certificate')} nothing uses</summary>`,
    '',
    ...body,
    '',
    '</details>'
  ].join('\n')
}

/** "expired 40 days ago" or "16 days left". */
export function whenText(finding: Finding, now: Date): string {
  const when = timeFromNow(finding.notAfter, now)
  return finding.state === 'expired' ? `expired ${when}` : when
}

/**
 * One certificate's entry: its marker, name, place and time left; what to do and why; the facts the table
 * leaves out (type, renewal, expiry date, ARN); and its command as a shell block.
 */
export function nextStepItem(finding: Finding, now: Date): string {
  const account = finding.account ? `, account ${code(certificateAccount(finding))}` : ''
  const first = `- ${statusMarker(finding)} **${code(finding.domain || finding.id)}** in ${code(finding.region)}${account}: ${whenText(finding, now)}. **${finding.action}**: ${escapeText(finding.explanation)} Next: ${escapeText(finding.nextStep)}`
  const facts = `  ${code(finding.type)} · renewal ${renewalText(finding)} · ${finding.state === 'expired' ? 'expired' : 'expires'} ${utcDate(finding.notAfter)} · ARN ${code(finding.arn)}`
  const command = finding.command ? ['', indent(codeBlock(shellLines(finding.command), 'sh'), '  ')] : []
  return [first, '', facts, ...command, ''].join('\n')
}

function renewalText(finding: Finding): string {
  if (finding.renewalStatus) {
    const reason = finding.renewalReason ? ` ${code(finding.renewalReason)}` : ''
    return `${code(finding.renewalStatus)}${reason}`
  }
  if (finding.type === 'IMPORTED') return 'never (imported)'
  if (finding.renewalEligibility) return code(finding.renewalEligibility)
  return (finding.unread ?? []).includes('renewal status') ? 'not read' : '—'
}
