import { describe, expect, it } from '@jest/globals'
import { renderIssueBody } from '../../src/github/issue-body.js'
import { readState, stateBlock, type TrackedCertificate } from '../../src/github/issue-state.js'
import { trackedFates } from '../../src/github/tracked-fate.js'
import { ALL_REGIONS } from '../../src/types.js'
import { ACCOUNT, arnFor, daysFromNow, failure, finding, ignored, report, scan } from './fixtures.js'

const tracked = (id: string, region = 'us-east-1', account = ACCOUNT): TrackedCertificate => ({
  arn: arnFor(id, region, account),
  domain: `${id}.example.com`
})
const RUN_URL = 'https://github.com/octo-org/infrastructure/actions/runs/1'

describe('trackedFates', () => {
  // Flagged under 30 days with a NotAfter ten days away; listed again with one a year later.
  const renewed = { ...tracked('renewed'), notAfter: daysFromNow(10).toISOString(), days: 30 }
  const snoozed = tracked('snoozed')
  const gone = tracked('gone')
  const stillFlagged = tracked('flagged')
  const otherRegion = tracked('elsewhere', 'ap-south-1')
  const failedRegion = tracked('failed', 'eu-west-1')
  const otherAccount = tracked('other-account', 'us-east-1', '999999999999')
  const all = [renewed, snoozed, gone, stillFlagged, otherRegion, failedRegion, otherAccount]
  const base = report({
    findings: [finding({ arn: stillFlagged.arn })],
    ignored: [ignored({ arn: snoozed.arn, reason: 'snoozed until 2026-02-01 by tag snooze' })],
    regions: [
      scan({ region: 'us-east-1', listed: true, renewed: [{ arn: renewed.arn, notAfter: daysFromNow(380) }] }),
      scan({ region: 'eu-west-1', listed: false, failure: failure({ region: 'eu-west-1', account: ACCOUNT }) })
    ],
    failures: [failure({ region: 'eu-west-1', account: ACCOUNT })],
    watched: all.map((item) => item.arn)
  })

  it('tells renewed, ignored, gone, still flagged and not checked apart', () => {
    const fate = trackedFates(base)
    expect(fate(renewed)).toEqual({ kind: 'renewed', notAfter: daysFromNow(380) })
    expect(fate(snoozed)).toEqual({ kind: 'ignored', reason: 'snoozed until 2026-02-01 by tag snooze' })
    expect(fate(gone)).toEqual({ kind: 'gone' })
    expect(fate(stillFlagged)).toEqual({ kind: 'flagged' })
    expect(fate(otherRegion)).toEqual({ kind: 'not-checked', why: 'its account or region was not part of this run' })
    expect(fate(otherAccount)).toEqual({ kind: 'not-checked', why: 'its account or region was not part of this run' })
    expect(fate(failedRegion)).toEqual({ kind: 'not-checked', why: 'its region could not be read this run' })
  })

  it('never says gone for a certificate the scan was not watching for', () => {
    const fate = trackedFates({ ...base, watched: [] })
    expect(fate(gone)).toEqual({ kind: 'not-checked', why: 'the tracking issue could not be read before the scan' })
  })

  it('never says gone for a region whose listing stopped part-way', () => {
    const fate = trackedFates({ ...base, regions: [scan({ region: 'us-east-1', listed: false })] })
    expect(fate(gone).kind).toBe('not-checked')
  })

  it('says gone when only look-ups failed in a region that was listed completely', () => {
    const lookupFailure = failure({ region: 'us-east-1', account: ACCOUNT })
    const fate = trackedFates({
      ...base,
      regions: [scan({ region: 'us-east-1', listed: true, failure: lookupFailure })],
      failures: [lookupFailure]
    })
    expect(fate(gone)).toEqual({ kind: 'gone' })
  })

  it('leaves every certificate of an account that was not read at all (*) not checked', () => {
    const fate = trackedFates({ ...base, regions: [], failures: [failure({ region: ALL_REGIONS, account: ACCOUNT })] })
    for (const item of [gone, renewed, snoozed].map((entry) => ({ ...entry }))) {
      if (item.arn === snoozed.arn) continue
      expect(fate(item)).toEqual({ kind: 'not-checked', why: 'its region could not be read this run' })
    }
  })
})

describe('renderIssueBody: why each certificate left the issue', () => {
  const renewed = { ...tracked('renewed'), notAfter: daysFromNow(10).toISOString(), days: 30 }
  const snoozed = tracked('snoozed')
  const patterned = tracked('patterned')
  const gone = tracked('gone')
  const unread = tracked('unread', 'eu-west-1')
  const dropped = tracked('dropped', 'ap-south-1')
  const current = finding({ domain: 'current.example.com' })
  const audit = report({
    findings: [current],
    ignored: [
      ignored({ arn: snoozed.arn, reason: 'snoozed until 2026-02-01 by tag snooze' }),
      ignored({ arn: patterned.arn, reason: 'matches ignore pattern *.internal' })
    ],
    regions: [
      scan({ region: 'us-east-1', listed: true, renewed: [{ arn: renewed.arn, notAfter: new Date('2027-01-15T00:00:00Z') }] }),
      scan({ region: 'eu-west-1', listed: false })
    ],
    failures: [failure({ region: 'eu-west-1', account: ACCOUNT })],
    watched: [renewed, snoozed, patterned, gone, unread, dropped].map((item) => item.arn)
  })
  const { body, listed, notChecked } = renderIssueBody(audit, {
    title: 'ACM certificates need renewal',
    runUrl: RUN_URL,
    previous: [renewed, snoozed, patterned, gone, unread, dropped]
  })

  it('resolves only the renewed one, with its new date', () => {
    expect(body).toContain('### Resolved since last run (1)')
    expect(body).toContain(`- [x] ~~\`renewed.example.com\`~~ \`${renewed.arn}\`: renewed or reimported, now expires 2027-01-15`)
    expect(body).not.toContain('no longer expiring within the threshold')
  })

  it('names the rule of the ignored ones and says the deleted one is no longer listed, outside "resolved"', () => {
    expect(body).toContain('### No longer tracked (3)')
    expect(body).toContain(`- \`snoozed.example.com\` \`${snoozed.arn}\`: ignored\\: snoozed until 2026-02-01 by tag snooze`)
    expect(body).toContain(`- \`patterned.example.com\` \`${patterned.arn}\`: ignored\\: matches ignore pattern \\*.internal`)
    expect(body).toContain(`- \`gone.example.com\` \`${gone.arn}\`: no longer listed in its region, which was read completely`)
    const resolvedSection = body.slice(body.indexOf('### Resolved'), body.indexOf('### No longer tracked'))
    expect(resolvedSection).not.toContain('snoozed.example.com')
    expect(resolvedSection).not.toContain('gone.example.com')
  })

  it('keeps the unread and the no-longer-audited ones listed as not checked, and remembers them', () => {
    expect(body).toContain('### Not checked this run (2)')
    expect(body).toContain(`- [ ] \`unread.example.com\` \`${unread.arn}\`: not checked, its region could not be read this run`)
    expect(body).toContain(
      `- [ ] \`dropped.example.com\` \`${dropped.arn}\`: not checked, its account or region was not part of this run`
    )
    expect(notChecked).toBe(2)
    expect(listed.map((item) => item.arn).sort()).toEqual([current.arn, unread.arn, dropped.arn].sort())
    expect(
      readState(body)
        .map((item) => item.arn)
        .sort()
    ).toEqual([current.arn, unread.arn, dropped.arn].sort())
  })
})

describe('trackedFates: renewed only when NotAfter moved later', () => {
  const listedAgain = (item: TrackedCertificate, notAfter: Date, days = 30) =>
    trackedFates(
      report({
        days,
        regions: [scan({ region: 'us-east-1', listed: true, renewed: [{ arn: item.arn, notAfter }] })],
        watched: [item.arn]
      })
    )(item)
  const flaggedAt60 = { ...tracked('same'), notAfter: daysFromNow(45).toISOString(), days: 60 }

  it('says the threshold changed when the certificate is untouched and days was lowered', () => {
    expect(listedAgain(flaggedAt60, daysFromNow(45))).toEqual({
      kind: 'unflagged',
      why: 'no longer within 30 days: the threshold changed from 60 (now expires 2026-02-15)'
    })
  })

  it('says "no longer flagged" for an entry without a stored NotAfter, never renewed', () => {
    expect(listedAgain(tracked('old'), daysFromNow(400))).toEqual({
      kind: 'unflagged',
      why: 'no longer flagged (now expires 2027-02-05)'
    })
  })

  it('says renewed when the NotAfter moved later, even if the threshold changed too', () => {
    expect(listedAgain(flaggedAt60, daysFromNow(400))).toEqual({ kind: 'renewed', notAfter: daysFromNow(400) })
  })

  it('keeps a certificate that DescribeCertificate finds under another status, and says deleted when not found', () => {
    const revoked = tracked('revoked')
    const deleted = tracked('deleted')
    const fate = trackedFates(
      report({
        regions: [
          scan({
            region: 'us-east-1',
            listed: true,
            unlisted: [
              { arn: revoked.arn, outcome: 'found', status: 'REVOKED' },
              { arn: deleted.arn, outcome: 'deleted' }
            ]
          })
        ],
        watched: [revoked.arn, deleted.arn]
      })
    )
    expect(fate(revoked)).toEqual({ kind: 'unlisted', status: 'REVOKED' })
    expect(fate(deleted)).toEqual({ kind: 'deleted' })
  })

  it('remembers NotAfter and days in the hidden state, and still reads the old two-field entries', () => {
    const stored = { ...tracked('kept'), notAfter: daysFromNow(5).toISOString(), days: 45 }
    const block = stateBlock([stored, tracked('old')])
    expect(readState(block)).toEqual([stored, tracked('old')])
  })
})
