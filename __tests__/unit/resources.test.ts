import { describe, expect, it } from '@jest/globals'
import { describeResource, resourceLabel } from '../../src/classify/resources.js'

describe('describeResource', () => {
  it.each([
    [
      'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/shop-web/50dc6c495c0c9188',
      'load-balancer',
      'load balancer',
      'shop-web'
    ],
    [
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/tls-front/0123456789abcdef',
      'load-balancer',
      'load balancer',
      'tls-front'
    ],
    [
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/legacy-elb',
      'classic-load-balancer',
      'Classic Load Balancer',
      'legacy-elb'
    ],
    ['arn:aws:cloudfront::111122223333:distribution/E2QWRUHEXAMPLE', 'cloudfront', 'CloudFront distribution', 'E2QWRUHEXAMPLE'],
    ['arn:aws:apigateway:us-east-1::/domainnames/api.example.com', 'api-gateway', 'API Gateway custom domain', 'api.example.com'],
    [
      'arn:aws-cn:apigateway:cn-north-1::/domainnames/api.example.cn',
      'api-gateway',
      'API Gateway custom domain',
      'api.example.cn'
    ],
    ['arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_abc', 'other', 'cognito-idp', 'us-east-1_abc'],
    [
      'arn:aws:apprunner:us-east-1:111122223333:service/web/8fe1e10304f84fd2b0df550fe98a71fa',
      'other',
      'apprunner',
      '8fe1e10304f84fd2b0df550fe98a71fa'
    ],
    ['not an arn', 'other', 'resource', 'not an arn']
  ])('%s is a %s', (arn, kind, service, name) => {
    expect(describeResource(arn)).toEqual({ arn, kind, service, name })
  })

  it('labels a resource by its name and service', () => {
    expect(resourceLabel(describeResource('arn:aws:cloudfront::111122223333:distribution/E2SHOP'))).toBe(
      'E2SHOP (CloudFront distribution)'
    )
  })
})
