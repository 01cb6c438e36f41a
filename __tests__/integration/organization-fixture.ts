import { type AwsEmulator, DEFAULT_ACCOUNT } from '../../emulator/aws-emulator.js'
import { inDays } from '../helpers/emulator-per-test.js'

/** The audit role in the management account, which GitHub's OIDC token assumes. */
export const AUDIT_ROLE = `arn:aws:iam::${DEFAULT_ACCOUNT}:role/acm-expiry-audit`
export const MEMBER_ROLE = 'acm-expiry-audit-member'
/** The default credential chain's identity in the tests (the management account's static keys). */
export const STATIC_USER = `arn:aws:iam::${DEFAULT_ACCOUNT}:user/emulator`

export const PAYMENTS = '210987654321'
export const EU_WEB = '345678901234'
export const SANDBOX_DENIED = '456789012345'
export const SANDBOX_SUSPENDED = '567890123456'
export const SHARED = '678901234567'
export const LOGS = '789012345678'

export interface Organization {
  prod: string
  prodEu: string
  sandbox: string
}

/**
 * An organization of seven accounts: the management account (111122223333) and shared-services and logs at
 * the root; prod-payments in the prod unit and prod-eu-web in its nested prod-eu unit; in sandbox, one
 * account without the member role and one SUSPENDED. Every account but sandbox-1 has the member role,
 * trusting the audit role and the static keys' user.
 */
export function seedOrganization(emulator: AwsEmulator): Organization {
  const org = emulator.organizations
  org.create(DEFAULT_ACCOUNT, 'management')
  const prod = org.addUnit('prod')
  const prodEu = org.addUnit('prod-eu', prod)
  const sandbox = org.addUnit('sandbox')
  org.addAccount({ id: PAYMENTS, name: 'prod-payments', parent: prod })
  org.addAccount({ id: EU_WEB, name: 'prod-eu-web', parent: prodEu })
  org.addAccount({ id: SANDBOX_DENIED, name: 'sandbox-1', parent: sandbox })
  org.addAccount({ id: SANDBOX_SUSPENDED, name: 'sandbox-2', parent: sandbox, state: 'SUSPENDED' })
  org.addAccount({ id: SHARED, name: 'shared-services' })
  org.addAccount({ id: LOGS, name: 'log-archive' })
  emulator.sts.addRole(AUDIT_ROLE)
  for (const account of [DEFAULT_ACCOUNT, PAYMENTS, EU_WEB, SANDBOX_SUSPENDED, SHARED, LOGS]) {
    emulator.memberRoles.addRole(account, MEMBER_ROLE, [AUDIT_ROLE, STATIC_USER])
  }
  emulator.addCertificates('us-east-1', [{ domain: 'pay.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }], PAYMENTS)
  emulator.addCertificates('eu-west-1', [{ domain: 'eu.example.com', notAfter: inDays(12.5) }], EU_WEB)
  emulator.addCertificates('us-east-1', [{ domain: 'old.example.com', type: 'IMPORTED', notAfter: inDays(-2.5) }], SHARED)
  emulator.addCertificates('eu-west-1', [{ domain: 'logs.example.com', notAfter: inDays(200) }], LOGS)
  emulator.addCertificates('us-east-1', [{ domain: 'mgmt.example.com', type: 'PRIVATE', notAfter: inDays(20.5) }])
  return { prod, prodEu, sandbox }
}

/** A job with `id-token: write` and no static keys. */
export function oidcEnv(emulator: AwsEmulator): Record<string, string | undefined> {
  return { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, ...emulator.sts.runnerEnv }
}

export interface FindingOutput {
  account: string
  accountName: string | null
  domain: string
  region: string
  status: string
  daysLeft: number
}

export function findingsOf(outputs: Record<string, string>): FindingOutput[] {
  return JSON.parse(outputs.findings ?? 'null') as FindingOutput[]
}
