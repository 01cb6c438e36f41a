import { runAudit } from './aws/audit-run.js'
import { AcmClients, type ClientSettings, DEFAULT_CLIENT_SETTINGS, listEnabledRegions, longestCommandMs } from './aws/clients.js'
import type { AwsCredentialIdentityProvider } from '@smithy/types'
import { type CredentialTarget, resolveTargets } from './aws/credentials.js'
import { assumeRoleWithWebIdentity, callerAccount } from './aws/sts.js'
import { discoverAccounts, discoveryFacts, DiscoveryError } from './aws/organization.js'
import { createRoleChain, resolveOrganizationTargets } from './aws/organization-targets.js'
import { duplicateRolesWarning, oneRolePerAccount } from './aws/roles.js'
import { mergeReports } from './classify/merge.js'
import { reportContext } from './classify/report-context.js'
import { readReportSources } from './github/report-source.js'
import { workflowRunOf } from './github/context.js'
import { type DiscoveredCounts, nothingReadReason, NothingReadError } from './classify/nothing-read.js'
import { homeRegion, partitionOf } from './shared/aws-names.js'
import type {
  AccountCoverage,
  AuditResult,
  Inputs,
  MergeInputs,
  OrganizationInputs,
  RegionScan,
  RoleToAssume,
  ScanFailure
} from './types.js'

/**
 * What a front door (the action's main.ts, the command's cli/) gives the audit: the runner's or the
 * terminal's side of it. The audit itself loads nothing of either.
 */
export interface AuditHost {
  /** How the first sessions are opened: the workflow's OIDC token (the action) or the caller's own credentials (the command). */
  sessions: SessionSource
  /** Hides a secret (a token, a session's keys) from the logs (core.setSecret). */
  mask(secret: string): void
  info(message: string): void
  warning(message: string): void
  /** Called as each region finishes, with the organization's account names when known. */
  onRegionScanned?(scan: RegionScan, accountNames: Readonly<Record<string, string>> | undefined): void
  /** Called once it is known how many (account, region) pairs will be scanned. */
  onRegionsPlanned?(count: number): void
}

/**
 * - `web-identity`: each role of `roles` is assumed with the workflow's OIDC token (core.getIDToken);
 *   without roles, the default credential chain.
 * - `caller`: the caller's credentials (the SDK's default chain, or a profile), and each role of `roles`
 *   assumed from them by `assumeRoles` (the command's sts:AssumeRole, which the action's bundle never holds).
 */
export type SessionSource =
  | { kind: 'web-identity'; getIdToken(audience: string): Promise<string> }
  | {
      kind: 'caller'
      credentials?: AwsCredentialIdentityProvider
      /** Opens a session per role from the caller's credentials (`home`: settings signed with them). */
      assumeRoles(roles: RoleToAssume[], home: ClientSettings, renewBeforeMs: number): Promise<FirstSessions>
    }

type FirstSessions = { targets: CredentialTarget[]; failures: ScanFailure[] }

/**
 * The result a report is built from: with merge-reports, the earlier jobs' report files merged (no AWS
 * call); otherwise credentials, then every region of every account. Throws MissingIdTokenPermissionError
 * or DiscoveryError when the audit cannot start, and NothingReadError when a run that is not a shard read
 * no account and region while nothing failed (never "All clear").
 */
export async function auditOrMerge(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  now: Date,
  host: AuditHost,
  watched?: ReadonlySet<string>
): Promise<AuditResult> {
  if (inputs.merge) return mergeReportFiles(inputs.merge, now, host, env)
  const { discovered, ...result } = await auditAws(inputs, env, now, host, watched)
  if (!inputs.organization?.shard) {
    const reason = nothingReadReason(result, inputs.regions, discovered)
    if (reason) throw new NothingReadError(reason)
  }
  return result
}

/** Credentials, then every region of every account: the result a report is built from. */
async function auditAws(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  now: Date,
  host: AuditHost,
  watched: ReadonlySet<string> | undefined
): Promise<AuditResult & { discovered?: DiscoveredCounts }> {
  const home = homeRegion(inputs.regions, env)
  const caller = host.sessions.kind === 'caller' ? host.sessions.credentials : undefined
  const settings = (region: string, target?: CredentialTarget): ClientSettings => {
    const credentials = target?.credentials ?? caller
    return {
      ...DEFAULT_CLIENT_SETTINGS,
      requestTimeoutMs: inputs.requestTimeoutMs,
      region,
      ...(credentials ? { credentials } : {})
    }
  }
  const renewBeforeMs = longestCommandMs(settings(home))
  const { roles, duplicates } = oneRolePerAccount(inputs.roles)
  for (const duplicate of duplicates) host.warning(duplicateRolesWarning(duplicate))
  const first = await firstSessions(inputs, roles, env, host, settings(home), renewBeforeMs)
  const auth: {
    targets: CredentialTarget[]
    failures: ScanFailure[]
    accountNames?: Record<string, string>
    coverage?: AccountCoverage
    discovered?: DiscoveredCounts
  } = inputs.organization
    ? await organizationTargets(inputs, inputs.organization, first, settings, home, renewBeforeMs, host)
    : first
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
      // The target's session, or the caller's credentials (the command's profile) when it has none.
      acmFor: (target, region) => acm.forAccount(region, settings(region, target).credentials),
      listEnabledRegions: (target, region) => listEnabledRegions(settings(region, target)),
      onRegionScanned: (scan) => host.onRegionScanned?.(scan, auth.accountNames),
      onRegionsPlanned: (count) => host.onRegionsPlanned?.(count)
    }
  ).finally(() => acm.destroy())
  return {
    ...result,
    setupFailures: [...auth.failures, ...result.setupFailures],
    ...(auth.accountNames ? { accountNames: auth.accountNames } : {}),
    ...(auth.discovered ? { discovered: auth.discovered } : {}),
    context: reportContext(inputs, workflowRunOf(env), auth.coverage)
  }
}

/** The first sessions: one per role, or the default chain's (or the caller's) when no role is given. */
async function firstSessions(
  inputs: Inputs,
  roles: RoleToAssume[],
  env: NodeJS.ProcessEnv,
  host: AuditHost,
  home: ClientSettings,
  renewBeforeMs: number
): Promise<FirstSessions> {
  const sessions = host.sessions
  if (sessions.kind === 'web-identity' || roles.length === 0) {
    return resolveTargets({ ...inputs, roles }, env, {
      getIdToken: (audience) =>
        sessions.kind === 'web-identity' ? sessions.getIdToken(audience) : Promise.reject(new Error('No OIDC token here.')),
      assumeRole: (request) => assumeRoleWithWebIdentity(home, request),
      callerAccount: () => callerAccount(home),
      mask: (secret) => host.mask(secret),
      renewBeforeMs
    })
  }
  return sessions.assumeRoles(roles, home, renewBeforeMs)
}

/** The organization's accounts, each with its member-role session, from the first session. */
async function organizationTargets(
  inputs: Inputs,
  organization: OrganizationInputs,
  first: { targets: CredentialTarget[]; failures: ScanFailure[] },
  settings: (region: string, target?: CredentialTarget) => ClientSettings,
  home: string,
  renewBeforeMs: number,
  host: AuditHost
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
      mask: (secret) => host.mask(secret),
      renewBeforeMs
    })
    const { discovery } = resolved
    host.info(
      `Organization: ${discovery.total} ACTIVE accounts asked for${organization.shard ? `, ${discovery.accounts.length} in shard ${organization.shard.index}/${organization.shard.count}` : ''}; ${discovery.inactive.length} not ACTIVE skipped${discovery.inactive.length > 0 ? ` (${discovery.inactive.join(', ')})` : ''}; ${discovery.excluded} excluded.`
    )
    return { ...resolved, ...discoveryFacts(discovery) }
  } finally {
    chain.destroy()
  }
}

/** The reports of earlier jobs, merged (only this workflow run's, when it has one); no AWS call. */
async function mergeReportFiles(merge: MergeInputs, now: Date, host: AuditHost, env: NodeJS.ProcessEnv): Promise<AuditResult> {
  const sources = await readReportSources(merge.source)
  host.info(`Merging ${sources.length} report files from ${merge.source}.`)
  return mergeReports(sources, merge.expected, now, { runId: workflowRunOf(env)?.id })
}
