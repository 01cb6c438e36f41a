import * as core from '@actions/core'
import { runAudit } from './aws/audit-run.js'
import {
  type ClientSettings,
  createAcmClient,
  DEFAULT_CLIENT_SETTINGS,
  listEnabledRegions,
  longestCommandMs
} from './aws/clients.js'
import { type CredentialTarget, resolveTargets } from './aws/credentials.js'
import { MissingIdTokenPermissionError } from './aws/oidc-token.js'
import { assumeRoleWithWebIdentity, callerAccount } from './aws/sts.js'
import { discoverAccounts, discoveryFacts, DiscoveryError } from './aws/organization.js'
import { createRoleChain, resolveOrganizationTargets } from './aws/organization-targets.js'
import { mergeReports } from './classify/merge.js'
import { decideOutcome } from './classify/outcome.js'
import { buildReport } from './classify/report.js'
import { reportContext } from './classify/report-context.js'
import { readReportSources } from './github/report-source.js'
import { publish, readTrackedArns, type Runner, setOutputs, writeStoppedReport } from './github/publish.js'
import { workflowRunOf } from './github/context.js'
import { type DiscoveredCounts, nothingReadReason } from './classify/nothing-read.js'
import { parseShard } from './shared/organization-inputs.js'
import { duplicateRolesWarning, oneRolePerAccount } from './aws/roles.js'
import { stoppedRunOutputs } from './render/outputs.js'
import { readInputs } from './inputs.js'
import { regionLog } from './render/region-log.js'
import { renderStoppedSummary } from './render/summary.js'
import { homeRegion, partitionOf } from './shared/aws-names.js'
import { count, messageOf } from './shared/format.js'
import { InputError } from './shared/parse.js'
import type {
  AccountCoverage,
  AuditResult,
  Inputs,
  MergeInputs,
  OrganizationInputs,
  RegionScan,
  ReportContext,
  ScanFailure
} from './types.js'

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
    const result: AuditResult & { discovered?: DiscoveredCounts } = inputs.merge
      ? await mergeReportFiles(inputs.merge, now, env)
      : await auditAws(inputs, env, now, watched ? new Set(watched) : undefined)
    context = result.context
    if (!inputs.merge && !inputs.organization?.shard) {
      const empty = nothingReadReason(result, inputs.regions, result.discovered)
      if (empty) throw new NothingReadError(empty)
    }
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

/** A run that read no account and region while nothing failed: it stops with why, never "All clear". */
class NothingReadError extends Error {}

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

/** Credentials, then every region of every account: the result a report is built from. */
async function auditAws(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  now: Date,
  watched: ReadonlySet<string> | undefined
): Promise<AuditResult & { discovered?: DiscoveredCounts }> {
  const home = homeRegion(inputs.regions, env)
  const settings = (region: string, target?: CredentialTarget): ClientSettings => ({
    ...DEFAULT_CLIENT_SETTINGS,
    requestTimeoutMs: inputs.requestTimeoutMs,
    region,
    ...(target?.credentials ? { credentials: target.credentials } : {})
  })
  const renewBeforeMs = longestCommandMs(settings(home))
  const { roles, duplicates } = oneRolePerAccount(inputs.roles)
  for (const duplicate of duplicates) core.warning(duplicateRolesWarning(duplicate))
  const first = await resolveTargets({ ...inputs, roles }, env, {
    getIdToken: (audience) => core.getIDToken(audience),
    assumeRole: (request) => assumeRoleWithWebIdentity(settings(home), request),
    callerAccount: () => callerAccount(settings(home)),
    mask: (secret) => core.setSecret(secret),
    renewBeforeMs
  })
  const auth: {
    targets: CredentialTarget[]
    failures: ScanFailure[]
    accountNames?: Record<string, string>
    coverage?: AccountCoverage
    discovered?: DiscoveredCounts
  } = inputs.organization ? await organizationTargets(inputs, inputs.organization, first, settings, home, renewBeforeMs) : first
  const result = await runAudit(
    {
      targets: auth.targets,
      regions: inputs.regions,
      discoveryRegion: home,
      settings: { now, ...inputs, ...(watched ? { watched } : {}) }
    },
    {
      createAcmClient: (target, region) => createAcmClient(settings(region, target)),
      listEnabledRegions: (target, region) => listEnabledRegions(settings(region, target)),
      onRegionScanned: (scan) => logRegion(scan, auth.accountNames)
    }
  )
  return {
    ...result,
    setupFailures: [...auth.failures, ...result.setupFailures],
    ...(auth.accountNames ? { accountNames: auth.accountNames } : {}),
    ...(auth.discovered ? { discovered: auth.discovered } : {}),
    context: reportContext(inputs, workflowRunOf(env), auth.coverage)
  }
}

/** The organization's accounts, each with its member-role session, from the first session. */
async function organizationTargets(
  inputs: Inputs,
  organization: OrganizationInputs,
  first: { targets: CredentialTarget[]; failures: ScanFailure[] },
  settings: (region: string, target?: CredentialTarget) => ClientSettings,
  home: string,
  renewBeforeMs: number
) {
  const session = first.targets[0]
  if (!session) {
    throw new DiscoveryError(
      `The first session could not be opened, so the organization's accounts (organizations:ListAccounts) could not be listed: ${first.failures.map((failure) => failure.message).join(' ')}`
    )
  }
  const chain = createRoleChain(settings(home, session), inputs.roleSessionName)
  try {
    const resolved = await resolveOrganizationTargets(organization, session, partitionOf(home), {
      discover: (target) => discoverAccounts(settings(home, target), organization),
      assumeRole: (_target, roleArn) => chain.assume(roleArn),
      mask: (secret) => core.setSecret(secret),
      renewBeforeMs
    })
    const { discovery } = resolved
    core.info(
      `Organization: ${discovery.total} ACTIVE accounts asked for${organization.shard ? `, ${discovery.accounts.length} in shard ${organization.shard.index}/${organization.shard.count}` : ''}; ${discovery.inactive.length} not ACTIVE skipped${discovery.inactive.length > 0 ? ` (${discovery.inactive.join(', ')})` : ''}; ${discovery.excluded} excluded.`
    )
    return { ...resolved, ...discoveryFacts(discovery) }
  } finally {
    chain.destroy()
  }
}

/** The reports of earlier jobs, merged (only this workflow run's); no AWS call. */
async function mergeReportFiles(merge: MergeInputs, now: Date, env: NodeJS.ProcessEnv): Promise<AuditResult> {
  const sources = await readReportSources(merge.source)
  core.info(`Merging ${sources.length} report files from ${merge.source}.`)
  return mergeReports(sources, merge.expected, now, { runId: workflowRunOf(env)?.id })
}

function logRegion(scan: RegionScan, accountNames: Readonly<Record<string, string>> = {}): void {
  const { title, lines } = regionLog(scan, accountNames)
  core.startGroup(title)
  for (const line of lines) core.info(line)
  core.endGroup()
}
