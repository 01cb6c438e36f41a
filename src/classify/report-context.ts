import { ACTION_VERSION } from '../shared/report-format.js'
import type { Inputs, ReportContext } from '../types.js'

/** The settings that shape an audit's result, and what it was asked to read, as the report file records them. */
export function reportContext(inputs: Inputs): ReportContext {
  const organization = inputs.organization
  return {
    actionVersion: ACTION_VERSION,
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
