import { accountLabel, type AuditReport, certificateAccount, describeLocation, regionNames } from '../classify/report.js'
import { describeResource } from '../classify/resources.js'
import { certificateConsoleUrl } from '../render/console-links.js'
import { Budget } from '../shared/budget.js'
import { count, utcDate } from '../shared/format.js'
import { digestBlock, issueMarker, stateBlock, stateItemSize, type TrackedCertificate } from './issue-state.js'
import { code, codeBlock, escapeText, indent, shellLines } from '../render/markdown.js'
import { byTier, needsNoOneYet } from '../classify/urgency.js'
import { brokenHeadline } from '../render/findings-table.js'
import { whenText } from '../render/next-steps.js'
import { statusMarker, TIER_NOTES, tierTitle } from '../render/used-by.js'
import type { Finding } from '../types.js'
import { trackedFates } from './tracked-fate.js'

/** GitHub rejects issue bodies over 65,536 characters; keep room for the header and hidden blocks. */
export const ISSUE_BODY_LIMIT = 65_536

export interface IssueContext {
  title: string
  runUrl: string
  /** What the previous run listed, from the issue's hidden state block. */
  previous: readonly TrackedCertificate[]
}

export interface IssueBody {
  body: string
  /** Hidden digest of everything but the run link: equal digests mean nothing changed. */
  digest: string
  /** Certificates the body lists (and remembers for the next run). */
  listed: TrackedCertificate[]
  /** Tracked certificates this run could not check: while there are any, the issue stays open. */
  notChecked: number
}

/**
 * The tracking issue's body: a statement, then the certificates in the tiers a person reads them in (broken
 * now, will break, watching: no task yet, clean-up), each a task with its marker and time left, and what was
 * resolved since the last run. Items that would pass GitHub's size limit are
 * counted instead of listed.
 */
export function renderIssueBody(report: AuditReport, context: IssueContext, limit = ISSUE_BODY_LIMIT): IssueBody {
  const fate = trackedFates(report)
  const fates = context.previous.map((item) => ({ item, fate: fate(item) }))
  const carried = fates.flatMap(({ item, fate: f }) => (f.kind === 'not-checked' ? [{ item, why: f.why }] : []))
  const resolved = fates.flatMap(({ item, fate: f }) => (f.kind === 'renewed' ? [{ item, notAfter: f.notAfter }] : []))
  const dropped = fates.flatMap(({ item, fate: f }) =>
    f.kind === 'ignored'
      ? [{ item, why: `ignored: ${f.reason}` }]
      : f.kind === 'gone'
        ? [{ item, why: GONE }]
        : f.kind === 'cleared'
          ? [{ item, why: CLEARED }]
          : []
  )
  const tiers = byTier(report.findings)
  const watching = tiers.soon.filter(needsNoOneYet)
  const willBreak = tiers.soon.filter((finding) => !needsNoOneYet(finding))

  // Room for the marker, headings, footer and the hidden blocks' fixed parts, which are small next to the lists.
  const budget = new Budget(limit - 4_000 - 2 * context.runUrl.length)
  const head = statement(report, budget)
  const sections: string[] = []
  const listed: TrackedCertificate[] = []
  let omitted = 0
  /** The lines that fit in what is left of the budget (each with its entry in the hidden state), and how many did not. */
  const fitting = <T>(items: readonly T[], render: (item: T) => string, track?: (item: T) => TrackedCertificate) => {
    const entries = items.map((item) => ({ text: render(item), tracked: track?.(item) }))
    const { kept, omitted: missed } = budget.fit(
      entries,
      (entry) => entry.text.length + 1 + (entry.tracked ? stateItemSize(entry.tracked) : 0)
    )
    for (const entry of kept) if (entry.tracked) listed.push(entry.tracked)
    return { lines: kept.map((entry) => entry.text), missed }
  }
  const trackFinding = (finding: Finding): TrackedCertificate => ({ arn: finding.arn, domain: finding.domain })
  for (const [heading, note, items, task] of [
    [tierTitle('broken'), TIER_NOTES.broken, tiers.broken, true],
    [tierTitle('soon'), TIER_NOTES.soon, willBreak, true],
    ['Watching', WATCHING_NOTE, watching, false],
    [tierTitle('cleanup'), TIER_NOTES.cleanup, tiers.cleanup, true]
  ] as const) {
    if (items.length === 0) continue
    const { lines, missed } = fitting(items, (finding) => issueItem(finding, report.now, task), trackFinding)
    omitted += missed
    sections.push(`### ${heading} (${items.length})`, '', note, '', ...lines, '')
  }
  if (carried.length > 0) {
    const { lines, missed } = fitting(
      carried,
      ({ item, why }) => `- [ ] ${code(item.domain || item.arn)} ${code(item.arn)}: not checked, ${why}`,
      ({ item }) => item
    )
    omitted += missed
    sections.push(
      `### Not checked this run (${carried.length})`,
      '',
      'This run did not read them, so they stay listed until a run can check them.',
      '',
      ...lines,
      ''
    )
  }
  const resolvedLines = fitting(
    resolved,
    ({ item, notAfter }) =>
      `- [x] ~~${code(item.domain || item.arn)}~~ ${code(item.arn)}: renewed or reimported, now expires ${utcDate(notAfter)}`
  )
  const droppedLines = fitting(
    dropped,
    ({ item, why }) => `- ${code(item.domain || item.arn)} ${code(item.arn)}: ${escapeText(why)}`
  )
  for (const [heading, total, { lines, missed }] of [
    ['Resolved since last run', resolved.length, resolvedLines],
    ['No longer tracked', dropped.length, droppedLines]
  ] as const) {
    if (total === 0) continue
    sections.push(`### ${heading} (${total})`, '', ...lines, '')
    if (missed > 0) {
      sections.push(`${count(missed, 'more certificate')} not listed, to keep this issue within GitHub's size limit.`, '')
    }
  }
  if (omitted > 0) {
    sections.push(
      `${count(omitted, 'more certificate')} did not fit in this issue: see the [run's job summary](${context.runUrl}) for all of them.`,
      ''
    )
  }
  const content = [head, '', ...sections].join('\n')
  const digest = digestBlock(content)
  const footer = `_Updated by [the audit run](${context.runUrl}) on ${utcDate(report.now)}. Tick items as you work; the next run rewrites this list._`
  const body = [issueMarker(context.title), content, footer, '', stateBlock(listed), digest, ''].join('\n')
  return { body, digest, listed, notChecked: carried.length }
}

const GONE =
  'no longer listed in its region, which was read completely (deleted, or its status or key type is no longer among the statuses and key-types inputs)'

const CLEARED =
  'not flagged again in its region, which a merged shard read completely (renewed, reimported or no longer listed: shard reports do not say which)'

const WATCHING_NOTE =
  'Nothing to do yet: ACM is renewing these in place. They stay listed, without a task, until a run finds them renewed; a run that finds one still listed close to expiry says what to do.'

/** More accounts than this are counted, not named, in the issue's first line. */
const ACCOUNTS_NAMED = 10

function statement(report: AuditReport, budget: Budget): string {
  const flagged = report.findings.length
  const tiers = byTier(report.findings)
  const watching = tiers.soon.filter(needsNoOneYet).length
  const regions = regionNames(report)
  const regionText = regions.length > 30 ? count(regions.length, 'region') : regions.map((region) => code(region)).join(', ')
  const accounts =
    report.accounts.length > ACCOUNTS_NAMED
      ? count(report.accounts.length, 'account')
      : `${report.accounts.length === 1 ? 'account' : 'accounts'} ${report.accounts.map((account) => code(accountLabel(account, report.accountNames))).join(', ')}`
  const lines = [
    `**${count(flagged, 'certificate')}** in ${regionText || 'no region'}${report.accounts.length > 0 ? ` (${accounts})` : ''} ${flagged === 1 ? 'expires' : 'expire'} within ${count(report.days, 'day')} or ${flagged === 1 ? 'has' : 'have'} expired: ${[
      tiers.broken.length > 0 ? `${tiers.broken.length} broken now (expired and still in use)` : '',
      `${tiers.soon.length - watching} will break unless someone acts`,
      watching > 0 ? `${watching} ACM is renewing (watching)` : '',
      tiers.cleanup.length > 0 ? `${tiers.cleanup.length} nothing uses (clean-up)` : ''
    ]
      .filter(Boolean)
      .join(', ')}.`
  ]
  const broken = brokenHeadline(report.findings)
  if (broken) lines.unshift(broken, '')
  budget.take(lines.join('\n').length)
  if (!report.complete) {
    // The places not read are listed while they fit in a tenth of the issue, and counted after that.
    const places = report.failures.map((failure) => escapeText(describeLocation(failure, report.accountNames)))
    const { kept, omitted } = budget.portion(budget.left / 10).fit(places, (place) => place.length + 2, { prefix: true })
    const more = omitted > 0 ? ` and ${count(omitted, 'more place')} (see the run's job summary)` : ''
    lines.push('', `> [!CAUTION]\n> This run could not read ${kept.join('; ')}${more}: certificates there may be missing.`)
  }
  return lines.join('\n')
}

/** "Used by (2): `web` (load balancer), `E2SHOP` (CloudFront distribution)", up to 20 names; nothing when InUseBy was not read. */
export function usedByLine(finding: Finding, shown = 20): string[] {
  if (!finding.inUseBy) return []
  if (finding.inUseBy.length === 0) return ['  Used by: nothing (not in use).']
  const names = finding.inUseBy
    .slice(0, shown)
    .map(describeResource)
    .map((resource) => `${code(resource.name)} (${escapeText(resource.service)})`)
  const more = finding.inUseBy.length - names.length
  return [
    `  Used by (${finding.inUseBy.length}): ${names.join(', ')}${more > 0 ? `, and ${more} more (see the report file)` : ''}. Check them after the fix.`
  ]
}

/**
 * One certificate: its marker, name and time left (or since expiry) first; then where, what to do and why,
 * what uses it, its ARN and its command. A task (with a checkbox) unless it needs no one yet.
 */
function issueItem(finding: Finding, now: Date, task: boolean): string {
  const renewal = finding.renewalStatus
    ? ` Renewal ${code(finding.renewalStatus)}${finding.renewalReason ? ` ${code(finding.renewalReason)}` : ''}.`
    : ''
  return [
    `- ${task ? '[ ] ' : ''}${statusMarker(finding)} ${code(finding.domain || finding.id)}: **${whenText(finding, now)}** (${utcDate(finding.notAfter)}) · region ${code(finding.region)}, account ${code(certificateAccount(finding))} · [open in the ACM console](${certificateConsoleUrl(finding.region, finding.id)})`,
    `  **${finding.action}**: ${escapeText(finding.explanation)}${renewal} Next: ${escapeText(finding.nextStep)}`,
    ...usedByLine(finding),
    `  ARN ${code(finding.arn)}`,
    ...(finding.command ? ['', indent(codeBlock(shellLines(finding.command), 'sh'), '  ')] : [])
  ].join('\n')
}

/** The comment left when the issue is closed because a complete run found nothing left to do. */
export function closingComment(report: AuditReport, runUrl: string): string {
  return `All clear: [this run](${runUrl}) read every region (${count(report.scanned, 'certificate')} in ${count(regionNames(report).length, 'region')}) and found none expiring within ${count(report.days, 'day')}${report.findings.length > 0 ? ` that something uses (${count(report.findings.length, 'unused certificate')} to clean up: see the job summary; fail-on-unused is false)` : ''}. Closing this issue; it will be reopened as a new issue if certificates need a person again.`
}
