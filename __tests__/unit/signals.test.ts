import { describe, expect, it, jest } from '@jest/globals'
import type { AwsCredentialIdentity } from '@smithy/types'
import { toFinding } from '../../src/aws/acm-scan.js'
import { DEFAULT_CLIENT_SETTINGS, longestCommandMs } from '../../src/aws/clients.js'
import { renewBefore, resolveTargets } from '../../src/aws/credentials.js'
import { duplicateRolesWarning, oneRolePerAccount } from '../../src/aws/roles.js'
import { advise } from '../../src/classify/advice.js'
import { DAY_MS, daysLeft, daysSince, timeFromNow } from '../../src/classify/expiry.js'
import { escapeText } from '../../src/render/markdown.js'
import { renderSummary } from '../../src/render/summary.js'
import { failure, finding, NOW, record, report, scan } from './fixtures.js'
import { regionLog } from '../../src/render/region-log.js'
import { reportDocument } from '../../src/render/report-file.js'

describe('check-renewal: a renewal status that could not be read', () => {
  it('is its own action for ACM-issued and private certificates, never await-renewal', () => {
    for (const type of ['AMAZON_ISSUED', 'PRIVATE']) {
      const advice = advise(record({ type }), 'unread', 'expiring')
      expect(advice.action).toBe('check-renewal')
      expect(advice.explanation).toContain('Its renewal status could not be read')
      expect(advice.nextStep).not.toMatch(/nothing to do/iu)
      expect(advice.command).toMatch(/^aws acm describe-certificate --region us-east-1 --certificate-arn arn:aws:acm:/u)
    }
  })

  it('keeps fix-renewal for an expired one, which must be replaced whatever its renewal status', () => {
    expect(advise(record(), 'unread', 'expired').action).toBe('fix-renewal')
  })

  it('names what was not read on the finding, and says why a certificate whose tags were not read stays flagged', () => {
    const unread = toFinding(record({ notAfter: new Date(NOW.getTime() + 5 * DAY_MS) }), 'unread', undefined, NOW, {
      thresholdDays: 30,
      critical: false,
      tagsUnread: true
    })
    expect(unread.action).toBe('check-renewal')
    expect(unread.unread).toEqual(['renewal status', 'resources', 'tags'])
    expect(unread.renewalStatus).toBeUndefined()
    expect(unread.explanation).toMatch(/Its tags could not be read, so an ignore-tag on it could not apply\.$/u)
    const loadBalancer = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188'
    const read = toFinding(
      record(),
      { renewal: { status: 'PENDING_AUTO_RENEWAL', reason: undefined }, inUseBy: [loadBalancer], names: [] },
      undefined,
      NOW,
      { thresholdDays: 30, critical: false }
    )
    expect(read.unread).toBeUndefined()
    expect(read.action).toBe('await-renewal')
  })
})

describe('advice by ACM status', () => {
  const renewing = { status: 'PENDING_AUTO_RENEWAL', reason: undefined }

  it.each([
    ['REVOKED', /^Revoked/u],
    ['INACTIVE', /^Inactive/u],
    ['FAILED', /request failed/u],
    ['VALIDATION_TIMED_OUT', /validation timed out/u],
    ['PENDING_VALIDATION', /Waiting for domain validation/u]
  ])('%s: a person acts now, never "ACM is renewing it"', (acmStatus, explanation) => {
    const advice = advise(record({ acmStatus }), renewing, 'expiring')
    expect(advice.action).toBe('fix-renewal')
    expect(advice.explanation).toMatch(explanation)
    expect(advice.explanation).not.toContain('ACM is renewing it')
    expect(advice.nextStep).not.toMatch(/nothing to do/iu)
  })

  it('tells a revoked imported certificate to be reimported with a new one now', () => {
    const advice = advise(record({ acmStatus: 'REVOKED', type: 'IMPORTED' }), undefined, 'expiring')
    expect(advice.action).toBe('reimport')
    expect(advice.explanation).toMatch(/^Revoked/u)
    expect(advice.nextStep).toMatch(/now/u)
    expect(advice.command).toMatch(/^aws acm import-certificate/u)
  })

  it('a revoked private certificate is replaced, not renewed on demand', () => {
    expect(advise(record({ acmStatus: 'REVOKED', type: 'PRIVATE' }), renewing, 'expiring').action).toBe('fix-renewal')
  })

  it('leaves ISSUED and EXPIRED to the usual advice', () => {
    expect(advise(record({ acmStatus: 'ISSUED' }), renewing, 'expiring').action).toBe('await-renewal')
    expect(advise(record({ acmStatus: 'EXPIRED' }), undefined, 'expired').action).toBe('fix-renewal')
  })
})

describe('one role per account', () => {
  const role = (arn: string) => ({ arn, account: arn.split(':')[4] ?? '' })

  it('keeps the first role of each account and names the others', () => {
    const roles = [
      role('arn:aws:iam::111111111111:role/audit'),
      role('arn:aws:iam::222222222222:role/audit'),
      role('arn:aws:iam::111111111111:role/Audit'),
      role('arn:aws:iam::111111111111:role/other')
    ]
    const { roles: kept, duplicates } = oneRolePerAccount(roles)
    expect(kept.map((item) => item.arn)).toEqual(['arn:aws:iam::111111111111:role/audit', 'arn:aws:iam::222222222222:role/audit'])
    expect(duplicates).toEqual([
      {
        account: '111111111111',
        kept: 'arn:aws:iam::111111111111:role/audit',
        dropped: ['arn:aws:iam::111111111111:role/Audit', 'arn:aws:iam::111111111111:role/other']
      }
    ])
    expect(duplicateRolesWarning(duplicates[0] as never)).toBe(
      'Account 111111111111 is given more than one role (arn:aws:iam::111111111111:role/audit, arn:aws:iam::111111111111:role/Audit, arn:aws:iam::111111111111:role/other): it is audited once, with arn:aws:iam::111111111111:role/audit. Give one role per account in role-to-assume.'
    )
  })

  it('changes nothing when every account has one role', () => {
    const roles = [role('arn:aws:iam::111111111111:role/a'), role('arn:aws:iam::222222222222:role/a')]
    expect(oneRolePerAccount(roles)).toEqual({ roles, duplicates: [] })
  })
})

describe('days in the past', () => {
  const ago = (ms: number) => new Date(NOW.getTime() - ms)

  it('counts whole days since expiry, rounded down, while daysLeft keeps its meaning', () => {
    const late = ago(3 * DAY_MS + 5 * 3_600_000)
    expect(daysSince(late, NOW)).toBe(3)
    expect(daysLeft(late, NOW)).toBe(-4)
    expect(daysSince(ago(1), NOW)).toBe(0)
    expect(daysSince(ago(DAY_MS), NOW)).toBe(1)
  })

  it.each([
    [-(3 * DAY_MS + 5 * 3_600_000), '3 days ago'],
    [-DAY_MS, '1 day ago'],
    [-1, 'less than a day ago'],
    [0, 'less than a day ago'],
    [1, 'less than a day left'],
    [DAY_MS, '1 day left'],
    [5.5 * DAY_MS, '5 days left']
  ])('%d ms from now reads %j', (offset, words) => {
    expect(timeFromNow(new Date(NOW.getTime() + offset), NOW)).toBe(words)
  })
})

describe('role sessions renewed early enough for a full retry sequence', () => {
  it('allows every attempt its connection and request timeouts, and every backoff at its longest', () => {
    // 6 attempts of 5 s + 20 s, and 5 waits of at most 1, 2, 4, 8 and 16 s, each stretched by up to 5 s.
    expect(longestCommandMs(DEFAULT_CLIENT_SETTINGS)).toBe(6 * 25_000 + 31_000 + 5 * 5_000)
    expect(longestCommandMs({ maxAttempts: 3, connectionTimeoutMs: 1_000, requestTimeoutMs: 300_000 })).toBe(
      3 * 301_000 + (1_000 + 2_000) + 2 * 5_000
    )
    // The SDK caps one wait at 20 s.
    expect(longestCommandMs({ maxAttempts: 8, connectionTimeoutMs: 0, requestTimeoutMs: 0 })).toBe(
      1_000 + 2_000 + 4_000 + 8_000 + 16_000 + 20_000 + 20_000 + 7 * 5_000
    )
  })

  it('renews at least a minute early, and at most half the session early', () => {
    expect(renewBefore(undefined, 900)).toBe(60_000)
    expect(renewBefore(206_000, 900)).toBe(206_000)
    expect(renewBefore(2_000_000, 900)).toBe(450_000)
  })

  it('renews a session that cannot outlive the longest command, and keeps one that can (at the boundary)', async () => {
    const margin = longestCommandMs(DEFAULT_CLIENT_SETTINGS)
    let now = 1_000_000_000
    const expiration = new Date(now + 3_600_000)
    const session = (id: string): AwsCredentialIdentity => ({ accessKeyId: id, secretAccessKey: 's', expiration })
    let issued = 0
    const assumeRole = jest.fn(async () => session(`ASIA${(issued += 1)}`))
    const { targets } = await resolveTargets(
      {
        roles: [{ arn: 'arn:aws:iam::111111111111:role/audit', account: '111111111111' }],
        roleSessionName: 'audit',
        roleDurationSeconds: 3600,
        audience: 'sts.amazonaws.com'
      },
      { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
      {
        getIdToken: async () => 'header.eyJzdWIiOiJyZXBvOm8vciJ9.sig',
        assumeRole,
        callerAccount: async () => '111111111111',
        mask: () => undefined,
        now: () => now,
        renewBeforeMs: margin
      }
    )
    const provider = targets[0]?.credentials
    if (!provider) throw new Error('no credentials')
    // Exactly the margin left: a command started now still ends before the session does.
    now = expiration.getTime() - margin
    expect((await provider()).accessKeyId).toBe('ASIA1')
    // One millisecond less: its last retry could be signed with an expired session, so it is renewed first.
    now = expiration.getTime() - margin + 1
    expect((await provider()).accessKeyId).toBe('ASIA2')
    expect(assumeRole).toHaveBeenCalledTimes(2)
  })
})

describe('a region listed completely whose look-ups failed', () => {
  const lookupFailed = scan({ listed: true, findings: [finding()], failure: failure({ region: 'us-east-1' }) })

  it('says so in the log, instead of "failed"', () => {
    expect(regionLog(lookupFailed).title).toBe(
      'us-east-1 (account 111122223333): 1 flagged certificate, details not read, 0 certificates in 1.2 s'
    )
    expect(regionLog(scan({ failure: failure({ region: 'us-east-1' }) })).title).toMatch(/: failed, /u)
  })

  it('says so in the report file', () => {
    const document = reportDocument(report({ regions: [lookupFailed, scan({ region: 'eu-west-1', listed: true })] }))
    expect(document.regions.map((region) => [region.region, region.complete, region.listed])).toEqual([
      ['us-east-1', false, true],
      ['eu-west-1', true, true]
    ])
  })
})

describe('smaller truths', () => {
  it('escapes $, which GitHub renders as math', () => {
    expect(escapeText('$x$ costs $$5$$')).toBe('\\$x\\$ costs \\$\\$5\\$\\$')
  })

  it.each([
    ['cn-north-1', 'https://cn-north-1.console.amazonaws.cn/acm/home?region=cn-north-1#/certificates/abc'],
    ['us-gov-west-1', 'https://console.amazonaws-us-gov.com/acm/home?region=us-gov-west-1#/certificates/abc']
  ])('links a certificate of %s to the console of its partition in the summary', (region, url) => {
    const summary = renderSummary(report({ findings: [finding({ region, id: 'abc' })] }))
    expect(summary).toContain(`](${url})`)
  })
})
