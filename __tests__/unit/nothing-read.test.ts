import { describe, expect, it } from '@jest/globals'
import { nothingReadReason } from '../../src/classify/nothing-read.js'
import { failure, scan } from './fixtures.js'

const none = { regions: [], setupFailures: [] }

describe('nothingReadReason', () => {
  it('says nothing when a place was read, or when a failure already explains the gap', () => {
    expect(nothingReadReason({ regions: [scan({})], setupFailures: [] }, 'all', undefined)).toBeUndefined()
    expect(nothingReadReason({ regions: [], setupFailures: [failure({})] }, 'all', undefined)).toBeUndefined()
  })

  it('names why an organization run had no account to read', () => {
    expect(nothingReadReason(none, ['us-east-1'], { discovered: 0, excluded: 3, inactive: 0 })).toContain(
      'every account asked for (3) is in exclude-accounts'
    )
    expect(nothingReadReason(none, ['us-east-1'], { discovered: 0, excluded: 0, inactive: 2 })).toContain(
      'no ACTIVE account is among those asked for (2 accounts are not ACTIVE)'
    )
    expect(nothingReadReason(none, ['us-east-1'], { discovered: 0, excluded: 0, inactive: 0 })).toContain('holds no account')
  })

  it('names regions: all that listed no region', () => {
    expect(nothingReadReason(none, 'all', { discovered: 2, excluded: 0, inactive: 0 })).toContain(
      'regions is "all" and no enabled region was listed'
    )
  })
})
