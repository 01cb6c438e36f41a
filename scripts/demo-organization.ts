/**
 * `npm run demo:organization`: an AWS organization in the embedded emulator (a management account, a prod
 * unit with a nested unit, a sandbox unit with a suspended account and one without the member role), audited
 * twice by the bundled action: the whole organization, then the prod unit only. Shows the account roll-up,
 * the failure of the account whose member role cannot be assumed, and the calls made.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AwsEmulator, DEFAULT_ACCOUNT } from '../emulator/aws-emulator.js'
import { ROOT, runAction } from '../emulator/run-action.js'
import { findingsTable, paletteFor, readableLog } from './demo-view.js'
import { githubPage } from './github-view.js'

const palette = paletteFor(process.stdout, process.env)
const heading = (text: string) => `\n${palette.bold(text)}\n${palette.dim('─'.repeat(Math.min(72, text.length)))}`
const DAY = 86_400_000
const inDays = (days: number) => new Date(Date.now() + days * DAY)
const MEMBER_ROLE = 'acm-expiry-audit-member'
const AUDIT_PRINCIPAL = `arn:aws:iam::${DEFAULT_ACCOUNT}:user/emulator`

const emulator = new AwsEmulator()
await emulator.start()
const org = emulator.organizations
org.create(DEFAULT_ACCOUNT, 'management')
const prod = org.addUnit('prod')
const prodEu = org.addUnit('prod-eu', prod)
const sandbox = org.addUnit('sandbox')
const accounts = [
  { id: '210987654321', name: 'prod-payments', parent: prod },
  { id: '345678901234', name: 'prod-eu-web', parent: prodEu },
  { id: '456789012345', name: 'sandbox-1', parent: sandbox },
  { id: '567890123456', name: 'sandbox-2', parent: sandbox, state: 'SUSPENDED' as const },
  { id: '678901234567', name: 'shared-services', parent: org.rootId }
]
for (const account of accounts) org.addAccount(account)
// Every account has the member role except sandbox-1 (its StackSet instance failed, say).
for (const id of [DEFAULT_ACCOUNT, '210987654321', '345678901234', '567890123456', '678901234567']) {
  emulator.memberRoles.addRole(id, MEMBER_ROLE, [AUDIT_PRINCIPAL])
}
emulator.addCertificates('us-east-1', [{ domain: 'pay.example.com', type: 'IMPORTED', notAfter: inDays(6.4) }], '210987654321')
emulator.addCertificates(
  'eu-west-1',
  [{ domain: 'shop.example.eu', notAfter: inDays(14.2), renewal: { status: 'FAILED', reason: 'CAA_ERROR' } }],
  '345678901234'
)
emulator.addCertificates(
  'us-east-1',
  [{ domain: 'intranet.example.com', type: 'PRIVATE', notAfter: inDays(21.8) }],
  '678901234567'
)
emulator.addCertificates('eu-west-1', [{ domain: 'www.example.com', notAfter: inDays(160) }])

try {
  const folder = join(ROOT, 'demo-output')
  await mkdir(folder, { recursive: true })
  for (const [title, inputs, file] of [
    ['The whole organization', {}, 'organization-summary'],
    ['The prod unit only (accounts: ou-…)', { accounts: prod }, 'organization-prod-summary']
  ] as const) {
    emulator.calls.length = 0
    console.log(heading(title))
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1, eu-west-1', 'member-role-name': MEMBER_ROLE, ...inputs },
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
    })
    console.log(readableLog(run.stdout, palette))
    const findings = JSON.parse(run.outputs.findings ?? '[]') as Parameters<typeof findingsTable>[0]
    console.log(heading(`Flagged certificates (${findings.length})`))
    console.log(findingsTable(findings, palette))
    const calls = new Map<string, number>()
    for (const call of emulator.calls) calls.set(call.operation, (calls.get(call.operation) ?? 0) + 1)
    console.log(`API calls served: ${[...calls].map(([operation, n]) => `${operation} ×${n}`).join(', ')}`)
    console.log(`failed-regions: ${run.outputs['failed-regions'] || '(none)'}`)
    await writeFile(join(folder, `${file}.md`), run.summary)
    await writeFile(join(folder, `${file}.html`), githubPage(run.summary, 'ACM certificate expiry audit — organization summary'))
    console.log(`Job summary: ${join(folder, `${file}.html`)}`)
  }
} finally {
  await emulator.stop()
}
