import { advise } from './advice.js'
import { describeResource, resourceLabel, type UsingResource } from './resources.js'
import { utcDate } from '../shared/format.js'
import type { Advice, CertificateRecord, ExpiryState, RenewalInfo, Replacement } from '../types.js'

/** What DescribeCertificate told about a flagged certificate; each part undefined when it was not read. */
export interface CertificateDetails {
  /** 'unread' when DescribeCertificate failed after every retry. */
  renewal?: RenewalInfo | 'unread' | undefined
  inUseBy?: string[] | undefined
}

/** In use by what InUseBy says when it was read, else by the listing's InUse flag. */
export function isInUse(record: CertificateRecord, inUseBy: readonly string[] | undefined): boolean | undefined {
  return inUseBy ? inUseBy.length > 0 : record.inUse
}

export function deleteCommand(region: string, arn: string): string {
  return `aws acm delete-certificate --region ${region} --certificate-arn ${arn}`
}

/**
 * The advice for a flagged certificate, all facts considered: a replacement waiting to be attached comes
 * first (unless ACM is renewing it in place), then a certificate nothing uses (delete it), then what its
 * type and renewal say. Private certificates and exported ones may be used outside AWS's integrated
 * services, so "not in use" does not make them unused.
 */
export function adviseFinding(
  record: CertificateRecord,
  details: CertificateDetails,
  replacement: Replacement | undefined,
  state: ExpiryState
): Advice {
  const base = advise(record, details.renewal, state)
  const inUse = isInUse(record, details.inUseBy)
  if (inUse === true && replacement && base.action !== 'await-renewal') {
    return attachReplacementAdvice(record, (details.inUseBy ?? []).map(describeResource), replacement)
  }
  if (inUse === false && record.type !== 'PRIVATE' && !record.exported) return deleteUnusedAdvice(record, state)
  return base
}

export function deleteUnusedAdvice(record: CertificateRecord, state: ExpiryState): Advice {
  const why =
    record.type === 'AMAZON_ISSUED'
      ? ' ACM renews only certificates in use, so it will not renew this one.'
      : record.type === 'IMPORTED'
        ? ' ACM never renews imported certificates.'
        : ''
  return {
    action: 'delete-unused',
    explanation: `${state === 'expired' ? 'Expired' : 'Expiring'} and not in use by any AWS resource, so nothing breaks.${why}`,
    nextStep: 'Delete it. If a resource should be using it, attach it (or a new certificate) to that resource instead.',
    command: deleteCommand(record.region, record.arn)
  }
}

export function attachReplacementAdvice(
  record: CertificateRecord,
  resources: readonly UsingResource[],
  replacement: Replacement
): Advice {
  const moving = resources.length > 0 ? resources.map(resourceLabel).join(', ') : 'every resource that uses it'
  const reimport =
    record.type === 'IMPORTED' ? ' (or reimport the new certificate over this ARN, which moves every resource at once)' : ''
  return {
    action: 'attach-replacement',
    explanation: `A replacement is waiting in the same account and region: ${replacement.arn}, issued, valid until ${utcDate(replacement.notAfter)}, covering every name of this one.`,
    nextStep: `Move ${moving} to the replacement${reimport}; then delete this certificate once nothing uses it.`,
    command: replacementCommands(record, resources, replacement.arn)
  }
}

/** Shell lines that move each resource to the new certificate, then delete the old one. */
export function replacementCommands(record: CertificateRecord, resources: readonly UsingResource[], newArn: string): string {
  const { region, arn: oldArn } = record
  const lines: string[] = []
  for (const resource of resources) {
    switch (resource.kind) {
      case 'load-balancer':
        lines.push(
          `# load balancer ${resource.name}: its HTTPS and TLS listeners`,
          `aws elbv2 describe-listeners --region ${region} --load-balancer-arn ${resource.arn} --query "Listeners[?Protocol=='HTTPS' || Protocol=='TLS'].ListenerArn" --output text`,
          '# a listener whose default certificate it is:',
          `aws elbv2 modify-listener --region ${region} --listener-arn LISTENER_ARN --certificates CertificateArn=${newArn}`,
          '# a listener where it is an additional (SNI) certificate:',
          `aws elbv2 add-listener-certificates --region ${region} --listener-arn LISTENER_ARN --certificates CertificateArn=${newArn}`,
          `aws elbv2 remove-listener-certificates --region ${region} --listener-arn LISTENER_ARN --certificates CertificateArn=${oldArn}`
        )
        break
      case 'classic-load-balancer':
        lines.push(
          `# Classic Load Balancer ${resource.name}: each HTTPS or SSL listener port (443 shown)`,
          `aws elb set-load-balancer-listener-ssl-certificate --region ${region} --load-balancer-name ${resource.name} --load-balancer-port 443 --ssl-certificate-id ${newArn}`
        )
        break
      case 'cloudfront':
        lines.push(
          `# CloudFront distribution ${resource.name}: in the console, Settings > Edit > Custom SSL certificate, choose ${newArn}`,
          `# (or aws cloudfront update-distribution with ViewerCertificate.ACMCertificateArn set to it)`
        )
        break
      case 'api-gateway':
        lines.push(
          `# API Gateway custom domain ${resource.name} (regional endpoint; for an edge-optimized one use path=/certificateArn)`,
          `aws apigateway update-domain-name --region ${region} --domain-name ${resource.name} --patch-operations op=replace,path=/regionalCertificateArn,value=${newArn}`
        )
        break
      default:
        lines.push(`# ${resource.service} ${resource.name} (${resource.arn}): point it at ${newArn} in its settings`)
    }
  }
  lines.push('# then, once nothing uses the old certificate:', deleteCommand(region, oldArn))
  return lines.join('\n')
}
