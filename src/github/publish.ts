import type * as core from '@actions/core'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AuditReport } from '../classify/report.js'
import { planAnnotations } from '../render/annotations.js'
import { buildOutputs, findingsOutput } from '../render/outputs.js'
import { reportFileText } from '../render/report-file.js'
import { renderSummary } from '../render/summary.js'
import { messageOf } from '../shared/format.js'
import type { TrackingIssueInputs, TrackingOutcome } from '../types.js'
import { repositoryFromEnv, runUrlFromEnv } from './context.js'
import { readTrackedCertificates, syncTrackingIssue } from './tracking-issue.js'

/** The runner's side of publishing: @actions/core's commands, and the job summary's writer. */
export type Runner = Pick<typeof core, 'setOutput' | 'warning' | 'info' | 'error' | 'notice'> & {
  writeSummary(markdown: string): Promise<void>
}

/**
 * Report file, outputs, annotations, tracking issue and job summary; a failure of one never stops the
 * others. Returns the tracking issue's error, if any, for the step to fail with.
 */
export async function publish(
  report: AuditReport,
  tracking: TrackingIssueInputs,
  env: NodeJS.ProcessEnv,
  runner: Runner
): Promise<string | undefined> {
  let reportFile = ''
  try {
    reportFile = await writeReportFile(report, env)
  } catch (error) {
    runner.warning(`Could not write the report file: ${String(error)}`)
  }
  const findings = findingsOutput(report.findings)
  if (findings.included < report.findings.length) {
    runner.warning(
      `The findings output holds the ${findings.included} most urgent of ${report.findings.length} flagged certificates (GitHub limits an output to 1 MB); the report file holds all of them.`
    )
  }
  setOutputs(runner, buildOutputs(report, reportFile, findings.json))
  annotate(report, runner)
  let issue: TrackingOutcome | undefined
  let trackingError: string | undefined
  if (tracking.create) {
    try {
      issue = await keepTrackingIssue(report, tracking, env)
    } catch (error) {
      trackingError = messageOf(error)
    }
  }
  setOutputs(runner, { 'issue-number': issue?.number === undefined ? '' : String(issue.number), 'issue-url': issue?.url ?? '' })
  if (issue && issue.action !== 'none') runner.info(`Tracking issue #${issue.number} ${issue.action}: ${issue.url}`)
  try {
    await runner.writeSummary(renderSummary(report, { trackingIssue: issue, trackingError }))
  } catch (error) {
    runner.warning(`Could not write the job summary: ${messageOf(error)}`)
  }
  return trackingError
}

/** Writes the planned annotations as workflow commands. */
export function annotate(report: AuditReport, runner: Pick<Runner, 'error' | 'warning' | 'notice'>): void {
  for (const annotation of planAnnotations(report)) runner[annotation.level](annotation.message, { title: annotation.title })
}

/** Sets outputs; a runner output file that cannot be written costs a warning, not the rest of the results. */
export function setOutputs(runner: Runner, outputs: Record<string, string>): void {
  try {
    for (const [name, value] of Object.entries(outputs)) runner.setOutput(name, value)
  } catch (error) {
    runner.warning(`Could not set the step outputs: ${messageOf(error)}`)
  }
}

/** Writes the report under RUNNER_TEMP (or the system's temporary folder) and returns its path. */
export async function writeReportFile(report: AuditReport, env: NodeJS.ProcessEnv): Promise<string> {
  const directory = env.RUNNER_TEMP || tmpdir()
  await mkdir(directory, { recursive: true })
  const step = (env.GITHUB_ACTION || 'run').replace(/[^\w.-]+/gu, '_')
  // Each shard's report has a name of its own, so that the shards' artifacts can be downloaded into one folder.
  const shard = report.context?.scope.shard
  const path = join(directory, `acm-expiry-audit-${step}${shard ? `-shard-${shard.index}-of-${shard.count}` : ''}.json`)
  await writeFile(path, reportFileText(report), 'utf8')
  return path
}

async function keepTrackingIssue(
  report: AuditReport,
  tracking: TrackingIssueInputs,
  env: NodeJS.ProcessEnv
): Promise<TrackingOutcome> {
  const { octokit, repository } = await connect(tracking, env)
  return syncTrackingIssue(octokit, repository, tracking, report, runUrlFromEnv(env))
}

/**
 * The ARNs the open tracking issue lists, read before the scan so that it can tell what became of each.
 * Undefined (with a warning) when the issue cannot be read: the items then stay "not checked" where the
 * scan cannot vouch for them.
 */
export async function readTrackedArns(
  tracking: TrackingIssueInputs,
  env: NodeJS.ProcessEnv,
  runner: Pick<Runner, 'warning'>
): Promise<string[] | undefined> {
  try {
    const { octokit, repository } = await connect(tracking, env)
    return (await readTrackedCertificates(octokit, repository, tracking)).map((item) => item.arn)
  } catch (error) {
    runner.warning(`Could not read the tracking issue before the scan: ${messageOf(error)}`)
    return undefined
  }
}

async function connect(tracking: TrackingIssueInputs, env: NodeJS.ProcessEnv) {
  const repository = repositoryFromEnv(env)
  if (!repository) throw new Error('GITHUB_REPOSITORY is not set, so there is no repository to keep the tracking issue in.')
  // Octokit is loaded only when there is a tracking issue to keep.
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(tracking.token, env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {})
  return { octokit, repository }
}
