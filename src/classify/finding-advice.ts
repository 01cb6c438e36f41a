import { advise } from './advice.js'
import { acmeAdvice, cloudFrontAdvice, exportableAdvice, unknownKindAdvice, withEmailMigration } from './kind-advice.js'
import { isAcme, isAttachable, isCloudFrontManaged, isExportable, unknownKind } from './kinds.js'
import { describeResource, resourceLabel, type UsingResource } from './resources.js'
import { utcDate } from '../shared/format.js'
import { jmesPathLiteral, shellComment, shellWord } from '../shared/shell.js'
import type { Advice, CertificateRecord, ExpiryState, RenewalInfo, Replacement } from '../types.js'

/** What DescribeCertificate told about a flagged certificate; each part undefined when it was not read. */
export interface CertificateDetails {
  /** 'unread' when DescribeCertificate failed after every retry. */
  renewal?: RenewalInfo | 'unread' | undefined
  inUseBy?: string[] | undefined
  /** DomainValidationOptions[].ValidationMethod. */
  validationMethods?: readonly string[] | undefined
  acmeEndpointArn?: string | undefined
}

/** In use by what InUseBy says when it was read, else by the listing's InUse flag. */
export function isInUse(record: CertificateRecord, inUseBy: readonly string[] | undefined): boolean | undefined {
  return inUseBy ? inUseBy.length > 0 : record.inUse
}

export function deleteCommand(region: string, arn: string): string {
  return `aws acm delete-certificate --region ${shellWord(region)} --certificate-arn ${shellWord(arn)}`
}

/**
 * The advice for a flagged certificate, all facts considered: kinds ACM does not renew in place itself
 * (of an unknown origin or manager, ACME-issued, CloudFront-managed, exportable) get their own advice;
 * otherwise a replacement waiting to be attached comes first (unless ACM is renewing it in place), then a
 * certificate nothing uses (delete it), then what its type and renewal say. Private certificates and
 * exported ones may be used outside AWS's integrated services, so "not in use" does not make them unused.
 * An email-validated certificate's advice always ends with its move to DNS validation.
 */
export function adviseFinding(
  record: CertificateRecord,
  details: CertificateDetails,
  replacement: Replacement | undefined,
  state: ExpiryState,
  critical = false
): Advice {
  return withEmailMigration(record, adviceByKind(record, details, replacement, state, critical), details.validationMethods)
}

function adviceByKind(
  record: CertificateRecord,
  details: CertificateDetails,
  replacement: Replacement | undefined,
  state: ExpiryState,
  critical: boolean
): Advice {
  const kind = unknownKind(record)
  if (kind !== undefined) return unknownKindAdvice(record, kind)
  if (isAcme(record)) return acmeAdvice(record, state, details.acmeEndpointArn)
  const base = advise(record, details.renewal, state, critical)
  const inUse = isInUse(record, details.inUseBy)
  if (isCloudFrontManaged(record)) {
    return cloudFrontAdvice(record, base, details.renewal === 'unread' ? undefined : details.renewal, state, critical)
  }
  if (isExportable(record)) return exportableAdvice(record, base, inUse)
  if (replacement && wantsReplacement(record, details, state, critical)) {
    return attachReplacementAdvice(record, (details.inUseBy ?? []).map(describeResource), replacement)
  }
  if (inUse === false && record.type !== 'PRIVATE' && !record.exported) return deleteUnusedAdvice(record, state)
  return base
}

/**
 * Whether a replacement would change the advice: the certificate is in use (by what DescribeCertificate
 * said), ACM is not renewing it in place, and a certificate ACM attaches can take its place (not ACME-issued,
 * not CloudFront-managed, not exportable, whose copies outside AWS a swap would not reach). The scan
 * searches for replacements only for these.
 */
export function wantsReplacement(
  record: CertificateRecord,
  details: CertificateDetails,
  state: ExpiryState,
  critical = false
): boolean {
  return (
    isAttachable(record) &&
    !isExportable(record) &&
    isInUse(record, details.inUseBy) === true &&
    advise(record, details.renewal, state, critical).action !== 'await-renewal'
  )
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

/**
 * Shell lines that move each resource to the new certificate, then delete the old one. Every value from AWS
 * is one shell word through `shellWord` (a JMESPath query holding one is quoted whole), and comments
 * through `shellComment`: a hostile name can neither glob, expand nor end a line.
 */
export function replacementCommands(record: CertificateRecord, resources: readonly UsingResource[], newArn: string): string {
  const { region, arn: oldArn } = record
  const r = shellWord(region)
  const newCertificate = shellWord(newArn)
  const oldCertificate = shellWord(oldArn)
  const lines: string[] = []
  for (const resource of resources) {
    switch (resource.kind) {
      case 'load-balancer':
        lines.push(
          shellComment(
            `load balancer ${resource.name}: each HTTPS or TLS listener serving the old certificate, as its default or an additional (SNI) one`
          ),
          `for listener in $(aws elbv2 describe-listeners --region ${r} --load-balancer-arn ${shellWord(resource.arn)} --query "Listeners[?Protocol=='HTTPS' || Protocol=='TLS'].ListenerArn" --output text); do`,
          `  usage=$(aws elbv2 describe-listener-certificates --region ${r} --listener-arn "$listener" --query ${shellWord(`Certificates[?CertificateArn==${jmesPathLiteral(oldArn)}].IsDefault`)} --output text)`,
          `  case "$usage" in *True*) aws elbv2 modify-listener --region ${r} --listener-arn "$listener" --certificates CertificateArn=${newCertificate} ;; esac`,
          `  case "$usage" in *False*) aws elbv2 add-listener-certificates --region ${r} --listener-arn "$listener" --certificates CertificateArn=${newCertificate} && aws elbv2 remove-listener-certificates --region ${r} --listener-arn "$listener" --certificates CertificateArn=${oldCertificate} ;; esac`,
          'done'
        )
        break
      case 'classic-load-balancer':
        lines.push(
          shellComment(`Classic Load Balancer ${resource.name}: each HTTPS or SSL listener serving the old certificate`),
          `for port in $(aws elb describe-load-balancers --region ${r} --load-balancer-names ${shellWord(resource.name)} --query ${shellWord(`LoadBalancerDescriptions[0].ListenerDescriptions[?Listener.SSLCertificateId==${jmesPathLiteral(oldArn)}].Listener.LoadBalancerPort`)} --output text); do`,
          `  aws elb set-load-balancer-listener-ssl-certificate --region ${r} --load-balancer-name ${shellWord(resource.name)} --load-balancer-port "$port" --ssl-certificate-id ${newCertificate}`,
          'done'
        )
        break
      case 'cloudfront':
        lines.push(
          shellComment(
            `CloudFront distribution ${resource.name}: in the console, Settings > Edit > Custom SSL certificate, choose ${newArn}`
          ),
          shellComment('(or aws cloudfront update-distribution with ViewerCertificate.ACMCertificateArn set to it)')
        )
        break
      case 'api-gateway':
        lines.push(
          shellComment(`API Gateway custom domain ${resource.name}: the certificate of its regional or edge-optimized endpoint`),
          `path=$(aws apigateway get-domain-name --region ${r} --domain-name ${shellWord(resource.name)} --query ${shellWord(`regionalCertificateArn==${jmesPathLiteral(oldArn)} && ${jmesPathLiteral('/regionalCertificateArn')} || ${jmesPathLiteral('/certificateArn')}`)} --output text)`,
          `aws apigateway update-domain-name --region ${r} --domain-name ${shellWord(resource.name)} --patch-operations "op=replace,path=$path,value="${newCertificate}`
        )
        break
      default:
        lines.push(shellComment(`${resource.service} ${resource.name} (${resource.arn}): point it at ${newArn} in its settings`))
    }
  }
  lines.push(shellComment('then, once nothing uses the old certificate:'), deleteCommand(region, oldArn))
  return lines.join('\n')
}
