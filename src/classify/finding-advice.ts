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
  if (replacement && wantsReplacement(record, details, state)) {
    return attachReplacementAdvice(record, (details.inUseBy ?? []).map(describeResource), replacement)
  }
  if (inUse === false && record.type !== 'PRIVATE' && !record.exported) return deleteUnusedAdvice(record, state)
  return base
}

/**
 * Whether a replacement would change the advice: the certificate is in use (by what DescribeCertificate
 * said) and ACM is not renewing it in place. The scan searches for replacements only for these.
 */
export function wantsReplacement(record: CertificateRecord, details: CertificateDetails, state: ExpiryState): boolean {
  return isInUse(record, details.inUseBy) === true && advise(record, details.renewal, state).action !== 'await-renewal'
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
          `# load balancer ${resource.name}: each HTTPS or TLS listener serving the old certificate, as its default or an additional (SNI) one`,
          `for listener in $(aws elbv2 describe-listeners --region ${region} --load-balancer-arn ${resource.arn} --query "Listeners[?Protocol=='HTTPS' || Protocol=='TLS'].ListenerArn" --output text); do`,
          `  usage=$(aws elbv2 describe-listener-certificates --region ${region} --listener-arn "$listener" --query "Certificates[?CertificateArn=='${oldArn}'].IsDefault" --output text)`,
          `  case "$usage" in *True*) aws elbv2 modify-listener --region ${region} --listener-arn "$listener" --certificates CertificateArn=${newArn} ;; esac`,
          `  case "$usage" in *False*) aws elbv2 add-listener-certificates --region ${region} --listener-arn "$listener" --certificates CertificateArn=${newArn} && aws elbv2 remove-listener-certificates --region ${region} --listener-arn "$listener" --certificates CertificateArn=${oldArn} ;; esac`,
          'done'
        )
        break
      case 'classic-load-balancer':
        lines.push(
          `# Classic Load Balancer ${resource.name}: each HTTPS or SSL listener serving the old certificate`,
          `for port in $(aws elb describe-load-balancers --region ${region} --load-balancer-names ${resource.name} --query "LoadBalancerDescriptions[0].ListenerDescriptions[?Listener.SSLCertificateId=='${oldArn}'].Listener.LoadBalancerPort" --output text); do`,
          `  aws elb set-load-balancer-listener-ssl-certificate --region ${region} --load-balancer-name ${resource.name} --load-balancer-port "$port" --ssl-certificate-id ${newArn}`,
          'done'
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
          `# API Gateway custom domain ${resource.name}: the certificate of its regional or edge-optimized endpoint`,
          `path=$(aws apigateway get-domain-name --region ${region} --domain-name ${resource.name} --query "regionalCertificateArn=='${oldArn}' && '/regionalCertificateArn' || '/certificateArn'" --output text)`,
          `aws apigateway update-domain-name --region ${region} --domain-name ${resource.name} --patch-operations "op=replace,path=$path,value=${newArn}"`
        )
        break
      default:
        lines.push(`# ${resource.service} ${resource.name} (${resource.arn}): point it at ${newArn} in its settings`)
    }
  }
  lines.push('# then, once nothing uses the old certificate:', deleteCommand(region, oldArn))
  return lines.join('\n')
}
