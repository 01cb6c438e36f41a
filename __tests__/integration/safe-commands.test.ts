/**
 * Commands safe to paste: every command the bundle generates, for certificates and resources with hostile
 * names (a wildcard, a quote, a command substitution, a space), parses in bash, and running it with a
 * stand-in `aws` that records its arguments shows that bash passed each value as exactly one word: no glob
 * expanded, nothing substituted.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type AwsEmulator, DEFAULT_ACCOUNT } from '../../emulator/aws-emulator.js'
import { runAction } from '../../emulator/run-action.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

const HOSTILE = `it's $(touch pwned) a name`
const OLD_ARN = `arn:aws:acm:us-east-1:${DEFAULT_ACCOUNT}:certificate/old'$(touch pwned) x`
const LB = `arn:aws:elasticloadbalancing:us-east-1:${DEFAULT_ACCOUNT}:loadbalancer/app/${HOSTILE}/50dc6c495c0c9188`
const CLB = `arn:aws:elasticloadbalancing:us-east-1:${DEFAULT_ACCOUNT}:loadbalancer/${HOSTILE}`
const CF = `arn:aws:cloudfront::${DEFAULT_ACCOUNT}:distribution/E2SHOP`
const WILDCARD_API = 'arn:aws:apigateway:us-east-1::/domainnames/*.example.com'
const HOSTILE_API = `arn:aws:apigateway:us-east-1::/domainnames/${HOSTILE}`
const OTHER = `arn:aws:cognito-idp:us-east-1:${DEFAULT_ACCOUNT}:userpool/${HOSTILE}`

/** A stand-in for the AWS CLI: records each call's arguments (NUL-separated, one call a line) and answers look-ups. */
const FAKE_AWS = `aws() {
  printf '%s\\0' "$@" >> "$CALLS"; printf '\\n' >> "$CALLS"
  case "$2" in
    describe-listeners) echo listener-1 ;;
    describe-listener-certificates) echo 'True False' ;;
    describe-load-balancers) echo 443 ;;
    get-domain-name) echo /regionalCertificateArn ;;
  esac
}
`

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

describe('every generated command, with hostile names', () => {
  it('parses in bash, and bash passes each value as exactly that one word', async () => {
    const [old, , , unused, imported, email, lapsed] = emulator.addCertificates('us-east-1', [
      {
        arn: OLD_ARN,
        domain: '*.example.com',
        notAfter: inDays(10),
        renewal: { status: 'FAILED', reason: 'CAA_ERROR' },
        inUseBy: [LB, CLB, CF, WILDCARD_API, HOSTILE_API, OTHER]
      },
      {
        domain: '*.example.com',
        notAfter: inDays(300),
        inUseBy: [],
        arn: `arn:aws:acm:us-east-1:${DEFAULT_ACCOUNT}:certificate/new $(touch pwned)`
      },
      {
        domain: 'private.example.com',
        type: 'PRIVATE',
        notAfter: inDays(10),
        arn: `arn:aws:acm:us-east-1:${DEFAULT_ACCOUNT}:certificate/p'q`
      },
      {
        domain: 'unused.example.com',
        notAfter: inDays(10),
        inUseBy: [],
        arn: `arn:aws:acm:us-east-1:${DEFAULT_ACCOUNT}:certificate/u *`
      },
      {
        domain: 'imported.example.org',
        type: 'IMPORTED',
        notAfter: inDays(10),
        arn: `arn:aws:acm:us-east-1:${DEFAULT_ACCOUNT}:certificate/i;rm -rf x`
      },
      {
        domain: 'mail.example.org',
        validationMethod: 'EMAIL',
        notAfter: inDays(3),
        renewal: { status: 'PENDING_AUTO_RENEWAL' },
        arn: `arn:aws:acm:us-east-1:${DEFAULT_ACCOUNT}:certificate/e"\`x\``
      },
      {
        domain: '*.example.net',
        subjectAlternativeNames: ['*.example.net', `${HOSTILE}.example.net`],
        notAfter: inDays(-3),
        inUseBy: [LB],
        arn: `arn:aws:acm:us-east-1:${DEFAULT_ACCOUNT}:certificate/l $(touch pwned)`
      }
    ])
    const run = await runAction({ endpoint: emulator.url, inputs: { regions: 'us-east-1', 'fail-on': 'never' } })
    const findings = JSON.parse(run.outputs.findings ?? '[]') as Array<{ arn: string; action: string; command: string | null }>
    const commands = findings.flatMap((finding) => (finding.command ? [finding] : []))
    expect(commands.map((finding) => finding.action).sort()).toEqual(
      ['attach-replacement', 'delete-unused', 'fix-renewal', 'fix-renewal', 'reimport', 'renew-private'].sort()
    )

    const dir = await mkdtemp(join(tmpdir(), 'safe-commands-'))
    try {
      // A file a glob would match: an unquoted *.example.com would become api.example.com.
      await writeFile(join(dir, 'api.example.com'), '')
      for (const finding of commands) {
        const script = join(dir, 'command.sh')
        await writeFile(script, `${finding.command ?? ''}\n`)
        expect(() => execFileSync('bash', ['-n', script], { stdio: 'pipe' })).not.toThrow()
        const calls = join(dir, 'calls')
        await writeFile(calls, '')
        await writeFile(script, `${FAKE_AWS}${finding.command ?? ''}\n`)
        execFileSync('bash', [script], { cwd: dir, env: { PATH: process.env.PATH ?? '', CALLS: calls }, stdio: 'pipe' })
        expect(existsSync(join(dir, 'pwned'))).toBe(false)
        const recorded = (await readFile(calls, 'utf8'))
          .split('\0\n')
          .filter(Boolean)
          .map((call) => call.split('\0'))
        expect(recorded.length).toBeGreaterThan(0)
        // Every --certificate-arn is the finding's ARN, exactly.
        for (const args of recorded) {
          const at = args.indexOf('--certificate-arn')
          if (at >= 0) expect(args[at + 1]).toBe(finding.arn)
          expect(args[args.indexOf('--region') + 1]).toBe('us-east-1')
        }
      }
      const replacement = commands.find((finding) => finding.arn === old?.arn)
      await writeFile(join(dir, 'calls'), '')
      await writeFile(join(dir, 'command.sh'), `${FAKE_AWS}${replacement?.command ?? ''}\n`)
      execFileSync('bash', [join(dir, 'command.sh')], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', CALLS: join(dir, 'calls') }
      })
      const calls = (await readFile(join(dir, 'calls'), 'utf8'))
        .split('\0\n')
        .filter(Boolean)
        .map((call) => call.split('\0'))
      const newArn = `arn:aws:acm:us-east-1:${DEFAULT_ACCOUNT}:certificate/new $(touch pwned)`
      const valueOf = (operation: string, option: string) =>
        calls.filter((args) => args[1] === operation).map((args) => args[args.indexOf(option) + 1])
      expect(valueOf('describe-listeners', '--load-balancer-arn')).toEqual([LB])
      expect(valueOf('describe-listener-certificates', '--query')).toEqual([
        `Certificates[?CertificateArn==\`${JSON.stringify(OLD_ARN)}\`].IsDefault`
      ])
      expect(valueOf('modify-listener', '--certificates')).toEqual([`CertificateArn=${newArn}`])
      expect(valueOf('remove-listener-certificates', '--certificates')).toEqual([`CertificateArn=${OLD_ARN}`])
      expect(valueOf('describe-load-balancers', '--load-balancer-names')).toEqual([HOSTILE])
      expect(valueOf('set-load-balancer-listener-ssl-certificate', '--ssl-certificate-id')).toEqual([newArn])
      // The wildcard custom domain stays *.example.com, whatever files the directory holds.
      expect(valueOf('get-domain-name', '--domain-name')).toEqual(['*.example.com', HOSTILE])
      expect(valueOf('update-domain-name', '--domain-name')).toEqual(['*.example.com', HOSTILE])
      expect(valueOf('update-domain-name', '--patch-operations')).toEqual([
        `op=replace,path=/regionalCertificateArn,value=${newArn}`,
        `op=replace,path=/regionalCertificateArn,value=${newArn}`
      ])
      expect(valueOf('delete-certificate', '--certificate-arn')).toEqual([OLD_ARN])
      // The email-validated one: its move to DNS validation, after the escalation's look-up.
      const migrate = commands.find((finding) => finding.arn === email?.arn)?.command ?? ''
      expect(migrate).toContain('update-certificate-options')
      // The expired one ACM can no longer renew: the request for its successor names exactly its names.
      const request = commands.find((finding) => finding.arn === lapsed?.arn)?.command ?? ''
      await writeFile(join(dir, 'calls'), '')
      await writeFile(join(dir, 'command.sh'), `${FAKE_AWS}${request}\n`)
      execFileSync('bash', [join(dir, 'command.sh')], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', CALLS: join(dir, 'calls') }
      })
      const [requested] = (await readFile(join(dir, 'calls'), 'utf8'))
        .split('\0\n')
        .filter(Boolean)
        .map((call) => call.split('\0'))
      expect(requested).toEqual([
        'acm',
        'request-certificate',
        '--region',
        'us-east-1',
        '--domain-name',
        '*.example.net',
        '--subject-alternative-names',
        `${HOSTILE}.example.net`,
        '--validation-method',
        'DNS',
        '--key-algorithm',
        'RSA_2048'
      ])
      expect(unused?.arn).toBeDefined()
      expect(imported?.arn).toBeDefined()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
