import { describe, expect, it } from '@jest/globals'
import { DEFAULT_REGION, defaultRegion, homeRegion, isRegionName, partitionOf } from '../../src/shared/aws-names.js'

describe('isRegionName', () => {
  it.each([
    'us-east-1',
    'us-west-2',
    'eu-central-1',
    'ap-southeast-5',
    'ap-northeast-3',
    'sa-east-1',
    'me-central-1',
    'il-central-1',
    'af-south-1',
    'ca-west-1',
    'mx-central-1',
    'us-gov-west-1',
    'us-gov-east-1',
    'cn-north-1',
    'cn-northwest-1',
    'eusc-de-east-1',
    'us-iso-east-1',
    'us-isob-east-1',
    'eu-south-10'
  ])('accepts %s', (name) => {
    expect(isRegionName(name)).toBe(true)
  })

  it.each([
    '',
    'all',
    'us',
    'us-east',
    'useast1',
    'us-east-1a',
    'us-east-100',
    'US-EAST-1',
    'u-east-1',
    'abcdef-east-1',
    'us-a-b-c-d-1',
    'us_east_1',
    ' us-east-1',
    'us-east-1 ',
    'us-east-1\n',
    'us-3ast-1',
    'us--east-1'
  ])('rejects %j', (name) => {
    expect(isRegionName(name)).toBe(false)
  })
})

describe('defaultRegion', () => {
  it('is us-east-1 when nothing is set', () => {
    expect(DEFAULT_REGION).toBe('us-east-1')
    expect(defaultRegion({})).toBe('us-east-1')
  })

  it('prefers AWS_REGION over AWS_DEFAULT_REGION', () => {
    expect(defaultRegion({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('eu-west-1')
  })

  it('uses AWS_DEFAULT_REGION when AWS_REGION is missing, empty or blank', () => {
    expect(defaultRegion({ AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('ap-south-1')
    expect(defaultRegion({ AWS_REGION: '', AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('ap-south-1')
    expect(defaultRegion({ AWS_REGION: ' \t', AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('ap-south-1')
  })

  it('uses us-east-1 when both are blank', () => {
    expect(defaultRegion({ AWS_REGION: ' ', AWS_DEFAULT_REGION: '\n' })).toBe('us-east-1')
  })

  it('trims the value it returns, without validating it', () => {
    expect(defaultRegion({ AWS_REGION: '  eu-north-1 \n' })).toBe('eu-north-1')
    expect(defaultRegion({ AWS_REGION: 'Not A Region' })).toBe('Not A Region')
  })
})

describe('partitionOf', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['ap-southeast-2', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['us-govcloud-1', 'aws'],
    ['cnx-north-1', 'aws']
  ])('puts %s in %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition)
  })
})

describe('homeRegion', () => {
  it('uses AWS_REGION when it is a region name', () => {
    expect(homeRegion(['cn-north-1'], { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('eu-west-1')
  })

  it('uses AWS_DEFAULT_REGION when AWS_REGION is unset or blank', () => {
    expect(homeRegion(['cn-north-1'], { AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('ap-south-1')
    expect(homeRegion('all', { AWS_REGION: ' ', AWS_DEFAULT_REGION: ' ap-south-1 ' })).toBe('ap-south-1')
  })

  it('uses the first region listed when no region is configured', () => {
    expect(homeRegion(['us-gov-west-1', 'us-gov-east-1'], {})).toBe('us-gov-west-1')
  })

  it('uses the first region listed when the configured one is not a region name', () => {
    expect(homeRegion(['cn-northwest-1'], { AWS_REGION: 'Mars' })).toBe('cn-northwest-1')
  })

  it('uses us-east-1 for all regions without a configured region', () => {
    expect(homeRegion('all', {})).toBe('us-east-1')
    expect(homeRegion('all', { AWS_REGION: 'not a region' })).toBe('us-east-1')
  })

  it('uses us-east-1 for an empty list', () => {
    expect(homeRegion([], {})).toBe('us-east-1')
  })
})
