import * as core from '@actions/core'
import { type AuditHost, auditOrMerge } from './audit.js'
import { MissingIdTokenPermissionError } from './aws/oidc-token.js'
import { DiscoveryError } from './aws/organization.js'
import { decideOutcome } from './classify/outcome.js'
import { buildReport } from './classify/report.js'
import { publish, readTrackedArns, type Runner, setOutputs, writeStoppedReport } from './github/publish.js'
import { workflowRunOf } from './github/context.js'
import { NothingReadError } from './classify/nothing-read.js'
import { reportContext } from './classify/report-context.js'
import { parseShard } from './shared/organization-inputs.js'
import { stoppedRunOutputs } from './render/outputs.js'
import { readInputs } from './inputs.js'
import { regionLog } from './render/region-log.js'
import { renderStoppedSummary } from './render/summary.js'
import { count, messageOf } from './shared/format.js'
import { InputError } from './shared/parse.js'
import type { Inputs, RegionScan, ReportContext } from './types.js'

/** @actions/core as the publishing stage sees it. */
const runner: Runner = {
  setOutput: core.setOutput,
  warning: core.warning,
  info: core.info,
  error: core.error,
  notice: core.notice,
  writeSummary: async (markdown) => {
    await core.summary.addRaw(markdown).write()
  }
}

/** The runner's side of the audit: the OIDC token, masking, the log, and a log group per region. */
const host: AuditHost = {
  sessions: { kind: 'web-identity', getIdToken: (audience) => core.getIDToken(audience) },
  mask: (secret) => core.setSecret(secret),
  info: core.info,
  warning: core.warning,
  onRegionScanned: logRegion
}

/** The action: read inputs, audit, publish the results, and decide whether the step fails. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let inputs: Inputs
  try {
    inputs = readInputs((name) => core.getInput(name), env)
  } catch (error) {
    const message = error instanceof InputError ? error.message : `Could not read the inputs: ${String(error)}`
    await stopped(message, env, { shard: shardIfReadable(), run: workflowRunOf(env) })
    return
  }
  if (inputs.tracking.token) core.setSecret(inputs.tracking.token)
  core.debug(`Inputs: ${JSON.stringify({ ...inputs, tracking: { ...inputs.tracking, token: '***' } })}`)
  const now = new Date()
  // What a stopped run's report records: enough for a merge to name the shard and why.
  let context: ReportContext | undefined = inputs.merge ? undefined : reportContext(inputs, workflowRunOf(env))
  try {
    // What the tracking issue lists, so that the audit can say what became of each certificate.
    const watched = inputs.tracking.create ? await readTrackedArns(inputs.tracking, env, runner) : undefined
    const result = await auditOrMerge(inputs, env, now, host, watched ? new Set(watched) : undefined)
    context = result.context
    const report = buildReport({ ...result, failOnUnused: inputs.failOnUnused, ...(watched ? { watched } : {}) })
    const trackingError = await publish(report, inputs.tracking, env, runner)
    const outcome = decideOutcome(report, inputs.failOn)
    const failures = [trackingError, outcome.failed ? outcome.message : undefined].filter(Boolean)
    if (failures.length > 0) core.setFailed(failures.join('\n'))
    else
      core.info(
        report.findings.length > 0
          ? `${count(report.findings.length, 'certificate')} flagged; fail-on is ${inputs.failOn}.`
          : 'All clear.'
      )
  } catch (error) {
    await stopped(
      error instanceof MissingIdTokenPermissionError || error instanceof DiscoveryError || error instanceof NothingReadError
        ? error.message
        : `The audit stopped unexpectedly: ${messageOf(error)}`,
      env,
      context
    )
  }
}

/** The shard input alone, when it can be read: a run whose other inputs are wrong still names its shard. */
function shardIfReadable() {
  try {
    return parseShard(core.getInput('shard')) ?? null
  } catch {
    return null
  }
}

/**
 * A run that could not audit: outputs and a summary that say nothing was read, and the step fails with the
 * reason. Unless it is a merge, it still writes its report, marked stopped, so that a merge names it and why.
 */
async function stopped(
  message: string,
  env: NodeJS.ProcessEnv = process.env,
  context?: Parameters<typeof writeStoppedReport>[1]
): Promise<void> {
  setOutputs(runner, stoppedRunOutputs())
  if (context) {
    try {
      setOutputs(runner, { 'report-file': await writeStoppedReport(message, context, new Date(), env) })
    } catch (error) {
      core.warning(`Could not write the report file: ${messageOf(error)}`)
    }
  }
  try {
    await runner.writeSummary(renderStoppedSummary(message))
  } catch (error) {
    core.warning(`Could not write the job summary: ${messageOf(error)}`)
  }
  core.setFailed(message)
}

function logRegion(scan: RegionScan, accountNames: Readonly<Record<string, string>> = {}): void {
  const { title, lines } = regionLog(scan, accountNames)
  core.startGroup(title)
  // One write for the group's lines: stdout is a pipe, written synchronously, and an organization has
  // tens of thousands of regions.
  core.info(lines.join('\n'))
  core.endGroup()
}
