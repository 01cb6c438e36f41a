import { describe, expect, it } from '@jest/globals'
import { regionLog } from '../../src/render/region-log.js'
import { failure, finding, ignored, scan } from './fixtures.js'

describe('regionLog', () => {
  it('summarises a region read completely, with its account', () => {
    expect(
      regionLog(
        scan({
          account: '111122223333',
          region: 'eu-west-1',
          pages: 2,
          scanned: 1234,
          findings: [finding(), finding()],
          ignored: [ignored()],
          durationMs: 1250
        })
      )
    ).toEqual({
      title: 'eu-west-1 (account 111122223333): 2 flagged certificates, 1,234 certificates in 1.3 s',
      lines: ['Pages read: 2', 'Certificates listed: 1234', 'Flagged: 2', 'Ignored: 1', 'Time: 1.3 s']
    })
  })

  it('names the account as AWS Organizations does, when it does', () => {
    const names = { '111122223333': 'prod', '444455556666': 'staging' }
    expect(regionLog(scan({ account: '111122223333', region: 'eu-west-1', scanned: 3, durationMs: 40 }), names).title).toBe(
      'eu-west-1 (account prod, 111122223333): 0 flagged certificates, 3 certificates in 0.0 s'
    )
    expect(regionLog(scan({ account: '777788889999', region: 'eu-west-1', scanned: 3, durationMs: 40 }), names).title).toBe(
      'eu-west-1 (account 777788889999): 0 flagged certificates, 3 certificates in 0.0 s'
    )
  })

  it('leaves the account out when unknown, and says 1 in the singular', () => {
    expect(
      regionLog(scan({ account: undefined, region: 'us-east-1', scanned: 1, findings: [finding()], durationMs: 40 })).title
    ).toBe('us-east-1: 1 flagged certificate, 1 certificate in 0.0 s')
  })

  it('says 0 flagged certificates', () => {
    expect(regionLog(scan({ account: undefined, region: 'us-east-1', scanned: 0, durationMs: 0 })).title).toBe(
      'us-east-1: 0 flagged certificates, 0 certificates in 0.0 s'
    )
  })

  it('counts certificates never issued', () => {
    expect(regionLog(scan({ scanned: 10, notIssued: 3 })).lines[1]).toBe('Certificates listed: 10 (3 never issued, skipped)')
  })

  it('reports a failed region with its error', () => {
    const result = regionLog(
      scan({
        account: undefined,
        region: 'ap-south-1',
        pages: 1,
        scanned: 5,
        findings: [finding()],
        durationMs: 20_000,
        failure: failure({ region: 'ap-south-1', message: 'ThrottlingException: Rate exceeded' })
      })
    )
    expect(result).toEqual({
      title: 'ap-south-1: failed, 5 certificates in 20.0 s',
      lines: [
        'Pages read: 1',
        'Certificates listed: 5',
        'Flagged: 1',
        'Ignored: 0',
        'Time: 20.0 s',
        'Error: ThrottlingException: Rate exceeded'
      ]
    })
  })
})
