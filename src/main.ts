import * as core from '@actions/core'
import { runAudit } from './aws/audit-run.js'
import { AcmClients, type ClientSettings, DEFAULT_CLIENT_SETTINGS, listEnabledRegions, longestCommandMs } from './aws/clients.js'
import { type CredentialTarget, resolveTargets } from './aws/credentials.js'
import { MissingIdTokenPermissionError } from './aws/oidc-token.js'
import { assumeRoleWithWebIdentity, callerAccount } from './aws/sts.js'
import { discoverAccounts, DiscoveryError } from './aws/organization.js'
import { createRoleChain, resolveOrganizationTargets } from './aws/organization-targets.js'
import { mergeReports } from './classify/merge.js'
import { decideOutcome } from './classify/outcome.js'
import { buildReport } from './classify/report.js'
import { reportContext } from './classify/report-context.js'
import { readReportSources } from './github/report-source.js'
import { publish, readTrackedArns, type Runner, setOutputs } from './github/publish.js'
import { duplicateRolesWarning, oneRolePerAccount } from './aws/roles.js'
import { stoppedRunOutputs } from './render/outputs.js'
import { readInputs } from './inputs.js'
import { regionLog } from './render/region-log.js'
import { renderStoppedSummary } from './render/summary.js'
import { homeRegion, partitionOf } from './shared/aws-names.js'
import { count, messageOf } from './shared/format.js'
import { InputError } from './shared/parse.js'
import type { AuditResult, Inputs, MergeInputs, OrganizationInputs, RegionScan, ScanFailure } from './types.js'

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
    await stopped(error instanceof InputError ? error.message : `Could not read the inputs: ${String(error)}`)
    return
  }
  if (inputs.tracking.token) core.setSecret(inputs.tracking.token)
  core.debug(`Inputs: ${JSON.stringify({ ...inputs, tracking: { ...inputs.tracking, token: '***' } })}`)
  try {
    const now = new Date()
    // What the tracking issue lists, so that the audit can say what became of each certificate.
    const watched = inputs.tracking.create ? await readTrackedArns(inputs.tracking, env, runner) : undefined
    const result = inputs.merge
      ? await mergeReportFiles(inputs.merge, now)
      : await auditAws(inputs, env, now, watched ? new Set(watched) : undefined)
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
      error instanceof MissingIdTokenPermissionError || error instanceof DiscoveryError
        ? error.message
        : `The audit stopped unexpectedly: ${messageOf(error)}`
    )
  }
}

/** A run that could not audit: outputs and a summary that say nothing was read, and the step fails with the reason. */
async function stopped(message: string): Promise<void> {
  setOutputs(runner, stoppedRunOutputs())
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
): Promise<AuditResult> {
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
  const auth: { targets: CredentialTarget[]; failures: ScanFailure[]; accountNames?: Record<string, string> } =
    inputs.organization ? await organizationTargets(inputs, inputs.organization, first, settings, home, renewBeforeMs) : first
  // One ACM client and connection pool per region, shared by every account.
  const acm = new AcmClients({ ...DEFAULT_CLIENT_SETTINGS, requestTimeoutMs: inputs.requestTimeoutMs })
  const result = await runAudit(
    {
      targets: auth.targets,
      regions: inputs.regions,
      discoveryRegion: home,
      settings: { now, ...inputs, ...(watched ? { watched } : {}) }
    },
    {
      acmFor: (target, region) => acm.forAccount(region, target.credentials),
      listEnabledRegions: (target, region) => listEnabledRegions(settings(region, target)),
      onRegionScanned: (scan) => logRegion(scan, auth.accountNames)
    }
  ).finally(() => acm.destroy())
  return {
    ...result,
    setupFailures: [...auth.failures, ...result.setupFailures],
    ...(auth.accountNames ? { accountNames: auth.accountNames } : {}),
    context: reportContext(inputs)
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
    return resolved
  } finally {
    chain.destroy()
  }
}

/** The reports of earlier jobs, merged; no AWS call. */
async function mergeReportFiles(merge: MergeInputs, now: Date): Promise<AuditResult> {
  const sources = await readReportSources(merge.source)
  core.info(`Merging ${sources.length} report files from ${merge.source}.`)
  return mergeReports(sources, merge.expected, now)
}

function logRegion(scan: RegionScan, accountNames: Readonly<Record<string, string>> = {}): void {
  const { title, lines } = regionLog(scan, accountNames)
  core.startGroup(title)
  // One write for the group's lines: stdout is a pipe, written synchronously, and an organization has
  // tens of thousands of regions.
  core.info(lines.join('\n'))
  core.endGroup()
}
