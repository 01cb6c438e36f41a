import { placeName } from '../shared/aws-names.js'
import { messageOf } from '../shared/format.js'
import type { ScanFailure } from '../types.js'

interface ErrorLike {
  name?: string
  code?: string
  message?: string
  Code?: string
  $metadata?: { httpStatusCode?: number }
}

/** The error's code as AWS or Node names it (AccessDeniedException, ECONNREFUSED, TimeoutError…). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const e = error as ErrorLike
  return e.Code ?? e.code ?? (e.name && e.name !== 'Error' ? e.name : undefined)
}

/**
 * Turns an error from one AWS call into one sentence that names the cause and the fix. `operation` is the
 * API call that failed, as IAM names it (acm:ListCertificates).
 */
export function explainAwsError(error: unknown, operation: string, where: string): string {
  const code = errorCode(error)
  const detail = messageOf(error).replace(/\s+/gu, ' ').trim()
  switch (code) {
    case 'AccessDeniedException':
    case 'AccessDenied':
    case 'UnauthorizedOperation':
      return `Access denied to ${operation} in ${where}: allow ${operation} in the IAM policy of the role the workflow uses (see the README's permissions policy). AWS said: ${detail}`
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
    case 'AuthFailure':
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
      return `AWS rejected the credentials when calling ${operation} in ${where}: check the credentials given to this step, and that the region is enabled for the account. AWS said: ${detail}`
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return `The AWS session expired while calling ${operation} in ${where}: use a longer role session (role-duration-seconds) or fewer regions per run. AWS said: ${detail}`
    case 'CredentialsProviderError':
      return `No AWS credentials were found for ${operation} in ${where}: set role-to-assume (with "permissions: id-token: write"), or run aws-actions/configure-aws-credentials before this step. ${detail}`
    case 'ThrottlingException':
    case 'Throttling':
    case 'TooManyRequestsException':
      return `ACM kept throttling ${operation} in ${where} after every retry: run fewer audits at the same time against this account. AWS said: ${detail}`
    case 'TimeoutError':
    case 'RequestTimeout':
    case 'ETIMEDOUT':
      return `${operation} in ${where} did not answer in time: check that the region is enabled and reachable from the runner. ${detail}`
    case 'ENOTFOUND':
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EAI_AGAIN':
      return `Could not reach the endpoint for ${operation} in ${where} (${code}): check the region name and the runner's network access to AWS. ${detail}`
    case 'SyntaxError':
      return `The answer to ${operation} in ${where} could not be read (truncated, or not the JSON AWS sends): usually a passing network fault, so run the audit again; if it persists, check proxies between the runner and AWS. ${detail}`
    default:
      return `${operation} failed in ${where}${code ? ` (${code})` : ''}: ${detail}`
  }
}

export function toScanFailure(error: unknown, operation: string, account: string | undefined, region: string): ScanFailure {
  return { account, region, message: explainAwsError(error, operation, placeName(account, region)), code: errorCode(error) }
}

/** An error tagged with the IAM action that failed, so the message can name the permission. */
export class OperationError extends Error {
  constructor(
    readonly operation: string,
    readonly original: unknown
  ) {
    super(messageOf(original))
    this.name = 'OperationError'
  }
}

export async function attempt<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw new OperationError(operation, error)
  }
}
