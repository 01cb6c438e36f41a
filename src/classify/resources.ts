import { arnParts } from '../shared/aws-names.js'

/** The kinds of resource the advice knows how to move to another certificate. */
export type ResourceKind = 'load-balancer' | 'classic-load-balancer' | 'cloudfront' | 'api-gateway' | 'other'

/** A resource from DescribeCertificate's InUseBy, in words a person recognises. */
export interface UsingResource {
  arn: string
  kind: ResourceKind
  /** "load balancer", "CloudFront distribution", … or the ARN's service for anything else. */
  service: string
  /** The load balancer's name, the distribution id, the custom domain, or the ARN's resource id. */
  name: string
}

/**
 * Reads an InUseBy ARN:
 * - `arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID` (or `net/`, `gwy/`): the name;
 * - `arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/NAME`: a Classic Load Balancer's name;
 * - `arn:aws:cloudfront::ACCOUNT:distribution/ID`: the distribution id;
 * - `arn:aws:apigateway:REGION::/domainnames/NAME` (v1 and v2): the custom domain name;
 * - anything else: its service and resource id (the part after the last `/` or `:`).
 */
export function describeResource(arn: string): UsingResource {
  const service = arn.split(':')[2] ?? ''
  const { resource } = arnParts(arn)
  if (service === 'elasticloadbalancing' && resource.startsWith('loadbalancer/')) {
    const path = resource.slice('loadbalancer/'.length).split('/')
    if (path.length >= 2 && ['app', 'net', 'gwy'].includes(path[0] ?? '')) {
      return { arn, kind: 'load-balancer', service: 'load balancer', name: path[1] || resource }
    }
    return { arn, kind: 'classic-load-balancer', service: 'Classic Load Balancer', name: path[0] || resource }
  }
  if (service === 'cloudfront' && resource.startsWith('distribution/')) {
    return { arn, kind: 'cloudfront', service: 'CloudFront distribution', name: resource.slice('distribution/'.length) }
  }
  if (service === 'apigateway' && /^\/domainnames\//iu.test(resource)) {
    const name = decodeSafely(resource.slice('/domainnames/'.length).split('/')[0] ?? '')
    return { arn, kind: 'api-gateway', service: 'API Gateway custom domain', name: name || resource }
  }
  const id = resource.split(/[/:]/u).filter(Boolean).pop() ?? ''
  return { arn, kind: 'other', service: service || 'resource', name: id || arn }
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** "web (load balancer)". */
export function resourceLabel(resource: UsingResource): string {
  return `${resource.name} (${resource.service})`
}
