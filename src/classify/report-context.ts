import { ACTION_VERSION } from '../shared/report-format.js'
import type { AccountCoverage, Inputs, ReportContext, WorkflowRun } from '../types.js'

/**
 * The settings that shape an audit's result, and what it was asked to read, as the report file records them;
 * with the workflow run it was made in and, for an organization, what discovery saw and what was audited.
 */
export function reportContext(inputs: Inputs, run: WorkflowRun | null = null, coverage?: AccountCoverage): ReportContext {
  const organization = inputs.organization
  return {
    actionVersion: ACTION_VERSION,
    run,
    ...(coverage ? { coverage } : {}),
    settings: {
      days: inputs.days,
      criticalDays: inputs.criticalDays,
      lifetimePercent: inputs.lifetimePercent ?? null,
      statuses: [...inputs.statuses].sort(),
      keyTypes: [...inputs.keyTypes].sort(),
      ignore: [...inputs.ignore].sort(),
      ignoreTag: inputs.ignoreTag ?? null
    },
    scope: {
      regions: inputs.regions,
      roles: inputs.roles.map((role) => role.arn),
      organization: organization
        ? {
            memberRoleName: organization.memberRoleName,
            accounts: [...organization.accounts].sort(),
            excludeAccounts: [...organization.excludeAccounts].sort()
          }
        : null,
      shard: organization?.shard ?? null
    }
  }
}
