/**
 * Ready-made faults for AwsEmulator.faults: deny or fail EC2 DescribeRegions (for `regions: all`), and fail
 * one certificate's DescribeCertificate or ListTagsForCertificate while every other call is answered, or deny
 * ACM's ListCertificates in one region.
 * Combine several with anyFault.
 */
import type { CallContext, Fault } from './types.js'

export type FaultRule = (call: CallContext) => Fault | undefined

const ACCESS_DENIED_EC2: Fault = {
  kind: 'error',
  status: 403,
  code: 'UnauthorizedOperation',
  message: 'You are not authorized to perform this operation. User is not authorized to perform: ec2:DescribeRegions'
}
const SERVICE_UNAVAILABLE_EC2: Fault = {
  kind: 'error',
  status: 503,
  code: 'Unavailable',
  message: 'The server is overloaded and cannot handle the request.'
}

/** EC2 DescribeRegions denied (IAM) or failing with HTTP 503 on every attempt, for one account or all. */
export function failDescribeRegions(how: 'deny' | 'unavailable', account?: string): FaultRule {
  return (call) =>
    call.service === 'ec2' && call.operation === 'DescribeRegions' && (account === undefined || call.account === account)
      ? how === 'deny'
        ? ACCESS_DENIED_EC2
        : SERVICE_UNAVAILABLE_EC2
      : undefined
}

/** One certificate's DescribeCertificate or ListTagsForCertificate answered with an error on every attempt. */
export function failCertificateCall(
  operation: 'DescribeCertificate' | 'ListTagsForCertificate',
  arn: string,
  how: 'deny' | 'internal-error' = 'internal-error'
): FaultRule {
  const fault: Fault =
    how === 'deny'
      ? {
          kind: 'error',
          status: 400,
          code: 'AccessDeniedException',
          message: `User is not authorized to perform: acm:${operation} on resource: ${arn}`
        }
      : { kind: 'error', status: 500, code: 'InternalFailure', message: 'An internal error occurred.' }
  return (call) =>
    call.service === 'acm' && call.operation === operation && call.params.CertificateArn === arn ? fault : undefined
}

/** ACM ListCertificates denied (IAM) in one region, for every account: that region cannot be read. */
export function denyListCertificates(region: string): FaultRule {
  const fault: Fault = {
    kind: 'error',
    status: 400,
    code: 'AccessDeniedException',
    message: 'User is not authorized to perform: acm:ListCertificates'
  }
  return (call) => (call.service === 'acm' && call.operation === 'ListCertificates' && call.region === region ? fault : undefined)
}

/** The first rule that injects a fault for the call. */
export function anyFault(...rules: FaultRule[]): FaultRule {
  return (call) => {
    for (const rule of rules) {
      const fault = rule(call)
      if (fault) return fault
    }
    return undefined
  }
}
