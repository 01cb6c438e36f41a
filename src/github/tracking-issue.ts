import type { getOctokit } from '@actions/github'
import { type AuditReport, blockingFindings } from '../classify/report.js'
import { messageOf } from '../shared/format.js'
import type { Repository, TrackingIssueInputs, TrackingOutcome } from '../types.js'
import { closingComment, renderIssueBody } from './issue-body.js'
import { issueMarker, readDigest, readState, type TrackedCertificate } from './issue-state.js'

export type Octokit = ReturnType<typeof getOctokit>

/** A failure a user can fix (missing permission, locked or deleted issue), with the fix in the message. */
export class TrackingIssueError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TrackingIssueError'
  }
}

interface OpenIssue {
  number: number
  html_url: string
  body?: string | null
  pull_request?: unknown
  user?: { login?: string; type?: string } | null
}

/**
 * Keeps the one tracking issue of this title current: finds it by its hidden marker among open issues
 * with the labels, creates it when there are findings and none is open, updates it only when its content
 * changed, and closes it when a complete run finds nothing. An incomplete run never closes it.
 */
export async function syncTrackingIssue(
  octokit: Octokit,
  repository: Repository,
  settings: TrackingIssueInputs,
  report: AuditReport,
  runUrl: string
): Promise<TrackingOutcome> {
  try {
    const [open, ...duplicates] = await findOpenIssues(octokit, repository, settings)
    if (open) await closeDuplicates(octokit, repository, open, duplicates)
    // With fail-on-unused false, unused certificates alone neither open nor keep open the issue.
    if (blockingFindings(report).length === 0) {
      if (!open) return { action: 'none' }
      const { notChecked } = renderIssueBody(report, { title: settings.title, runUrl, previous: readState(open.body ?? '') })
      // Never closed while something it tracks went unread: incomplete run, or a region no longer audited.
      if (!report.complete || !settings.close || notChecked > 0) {
        return updateIfChanged(octokit, repository, settings, report, runUrl, open)
      }
      await octokit.rest.issues.createComment({ ...repository, issue_number: open.number, body: closingComment(report, runUrl) })
      await octokit.rest.issues.update({ ...repository, issue_number: open.number, state: 'closed', state_reason: 'completed' })
      return { action: 'closed', number: open.number, url: open.html_url }
    }
    if (open) return updateIfChanged(octokit, repository, settings, report, runUrl, open)
    const { body } = renderIssueBody(report, { title: settings.title, runUrl, previous: [] })
    const created = await octokit.rest.issues.create({
      ...repository,
      title: settings.title,
      body,
      labels: settings.labels,
      ...(settings.assignees.length > 0 ? { assignees: settings.assignees } : {})
    })
    return { action: 'created', number: created.data.number, url: created.data.html_url }
  } catch (error) {
    throw explainGitHubError(error, repository)
  }
}

/**
 * The token's own login, where GET /user answers (a user's token); undefined for GITHUB_TOKEN, which GitHub
 * answers with 403, or when it cannot be asked.
 */
async function tokenLogin(octokit: Octokit): Promise<string | undefined> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login
  } catch {
    return undefined
  }
}

/**
 * Whether the audit may treat an issue as its own: opened by a bot account (github-actions[bot] and other
 * apps) or by the token's own user. An issue anyone else opened, even one with the marker copied into it,
 * is never adopted, updated or closed.
 */
export function openedByAudit(issue: Pick<OpenIssue, 'user'>, ownLogin: string | undefined): boolean {
  const user = issue.user
  return user?.type === 'Bot' || (ownLogin !== undefined && user?.login === ownLogin)
}

/** The open tracking issues of this title (found by their hidden marker, opened by the audit), oldest first. */
async function findOpenIssues(
  octokit: Octokit,
  repository: Repository,
  settings: Pick<TrackingIssueInputs, 'title' | 'labels'>
): Promise<OpenIssue[]> {
  const marker = issueMarker(settings.title)
  const issues = (await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...repository,
    state: 'open',
    ...(settings.labels.length > 0 ? { labels: settings.labels.join(',') } : {}),
    per_page: 100
  })) as OpenIssue[]
  const marked = issues.filter((issue) => !issue.pull_request && (issue.body ?? '').includes(marker))
  const ownLogin = marked.some((issue) => issue.user?.type !== 'Bot') ? await tokenLogin(octokit) : undefined
  return marked.filter((issue) => openedByAudit(issue, ownLogin)).sort((a, b) => a.number - b.number)
}

/**
 * The certificates the open tracking issue lists, read before the scan so that the scan can say what became
 * of each; an empty list when there is no open issue.
 */
export async function readTrackedCertificates(
  octokit: Octokit,
  repository: Repository,
  settings: Pick<TrackingIssueInputs, 'title' | 'labels'>
): Promise<TrackedCertificate[]> {
  try {
    const [open] = await findOpenIssues(octokit, repository, settings)
    return open ? readState(open.body ?? '') : []
  } catch (error) {
    throw explainGitHubError(error, repository)
  }
}

/** Two runs at once may each have opened one: the oldest is kept, the others closed with a link to it. */
async function closeDuplicates(octokit: Octokit, repository: Repository, kept: OpenIssue, duplicates: OpenIssue[]) {
  for (const duplicate of duplicates) {
    await octokit.rest.issues.createComment({
      ...repository,
      issue_number: duplicate.number,
      body: `Duplicate of #${kept.number} (${kept.html_url}): two audit runs at once opened a tracking issue each. The audit keeps the oldest one current and closes this one.`
    })
    try {
      await octokit.rest.issues.update({
        ...repository,
        issue_number: duplicate.number,
        state: 'closed',
        state_reason: 'duplicate'
      })
    } catch (error) {
      // GitHub Enterprise Server versions without the "duplicate" reason answer 422: close it as not planned.
      if ((error as { status?: number }).status !== 422) throw error
      await octokit.rest.issues.update({
        ...repository,
        issue_number: duplicate.number,
        state: 'closed',
        state_reason: 'not_planned'
      })
    }
  }
}

async function updateIfChanged(
  octokit: Octokit,
  repository: Repository,
  settings: TrackingIssueInputs,
  report: AuditReport,
  runUrl: string,
  open: OpenIssue
): Promise<TrackingOutcome> {
  const existing = open.body ?? ''
  const { body, digest } = renderIssueBody(report, { title: settings.title, runUrl, previous: readState(existing) })
  if (readDigest(existing) === digest) return { action: 'unchanged', number: open.number, url: open.html_url }
  await octokit.rest.issues.update({ ...repository, issue_number: open.number, body })
  return { action: 'updated', number: open.number, url: open.html_url }
}

function explainGitHubError(error: unknown, repository: Repository): Error {
  const status = typeof error === 'object' && error !== null ? (error as { status?: number }).status : undefined
  const detail = messageOf(error)
  const where = `${repository.owner}/${repository.repo}`
  if (status === 401) {
    return new TrackingIssueError(
      `GitHub rejected the github-token (HTTP 401) while keeping the tracking issue in ${where}: pass a valid token, or leave github-token at its default. GitHub said: ${detail}`
    )
  }
  const headers =
    typeof error === 'object' && error !== null
      ? ((error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {})
      : {}
  if (
    (status === 403 || status === 429) &&
    (/rate limit/iu.test(detail) || headers['retry-after'] !== undefined || headers['x-ratelimit-remaining'] === '0')
  ) {
    const wait = headers['retry-after'] ? ` GitHub asks to wait ${headers['retry-after']} seconds.` : ''
    return new TrackingIssueError(
      `GitHub's rate limit stopped the audit from keeping the tracking issue in ${where} (HTTP ${status}): too many requests from this token at once, not a missing permission.${wait} Run the workflow again later, or run fewer workflows that write issues at the same time. GitHub said: ${detail}`
    )
  }
  if (status === 403 && /locked/iu.test(detail)) {
    return new TrackingIssueError(
      `The tracking issue in ${where} is locked, so the audit cannot comment on it (HTTP 403): unlock it, or close it so the next run opens a new one. GitHub said: ${detail}`
    )
  }
  if (status === 403) {
    return new TrackingIssueError(
      `The github-token may not write issues in ${where} (HTTP 403): add "issues: write" to the job's permissions, for example\n  permissions:\n    issues: write\n    contents: read\nGitHub said: ${detail}`
    )
  }
  if (status === 404 || status === 410) {
    return new TrackingIssueError(
      `GitHub answered HTTP ${status} while keeping the tracking issue in ${where}: issues may be disabled for the repository, or the tracking issue was deleted or transferred. Enable issues, or set create-issue: false. GitHub said: ${detail}`
    )
  }
  return new TrackingIssueError(`Could not keep the tracking issue in ${where}: ${detail}`)
}
