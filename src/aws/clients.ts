import { ACMClient } from '@aws-sdk/client-acm'
import type {
  AwsCredentialIdentityProvider,
  FinalizeHandler,
  FinalizeHandlerArguments,
  HandlerExecutionContext,
  MetadataBearer
} from '@smithy/types'
import { Pacer } from './pacer.js'
import { isRegionName } from '../shared/aws-names.js'

/** ACM's documented request quotas per account and region, in requests per second. */
export const ACM_REQUESTS_PER_SECOND: Readonly<Record<string, number>> = {
  ListCertificatesCommand: 8,
  DescribeCertificateCommand: 10,
  ListTagsForCertificateCommand: 10
}

/**
 * The audit paces each operation as a token bucket at ACM's documented rate, with a burst one token short
 * of that rate: a request that reaches ACM a little earlier than planned (network jitter of up to a tenth
 * of a second) still finds a token in ACM's own bucket. Throttling retries stay as the safety net.
 */
export function pacerBurst(perSecond: number): number {
  return Math.max(1, perSecond - 1)
}

export interface ClientSettings {
  region: string
  credentials?: AwsCredentialIdentityProvider
  /** Attempts per request, including the first (the SDK's standard retry mode backs off between them). */
  maxAttempts: number
  connectionTimeoutMs: number
  requestTimeoutMs: number
}

export const DEFAULT_CLIENT_SETTINGS = {
  maxAttempts: 6,
  connectionTimeoutMs: 5_000,
  requestTimeoutMs: 20_000
} as const

/** Region, credentials, retries and timeouts shared by every AWS client the action creates. */
export function commonClientConfig(settings: ClientSettings) {
  return {
    region: settings.region,
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    maxAttempts: settings.maxAttempts,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: settings.connectionTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // Without this, the SDK only warns when a request outlives requestTimeout and keeps waiting.
      throwOnRequestTimeout: true
    }
  } as const
}

/** An ACM client for one (account, region), paced below ACM's quotas on every attempt. */
export function createAcmClient(settings: ClientSettings, rates = ACM_REQUESTS_PER_SECOND): ACMClient {
  const client = new ACMClient(commonClientConfig(settings))
  const pacers = new Map(
    Object.entries(rates).map(([command, perSecond]) => [command, new Pacer(perSecond, pacerBurst(perSecond))])
  )
  client.middlewareStack.addRelativeTo(
    <Output extends MetadataBearer>(next: FinalizeHandler<object, Output>, context: HandlerExecutionContext) =>
      async (args: FinalizeHandlerArguments<object>) => {
        await pacers.get(context.commandName ?? '')?.take()
        return next(args)
      },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'acmQuotaPacer' }
  )
  return client
}

/** Lists the regions enabled for the account (EC2 DescribeRegions). The EC2 client loads only when needed. */
export async function listEnabledRegions(settings: ClientSettings): Promise<string[]> {
  const { EC2Client, DescribeRegionsCommand } = await import('@aws-sdk/client-ec2')
  const client = new EC2Client(commonClientConfig(settings))
  try {
    const response = await client.send(new DescribeRegionsCommand({}))
    return (response.Regions ?? [])
      .filter((region) => region.OptInStatus !== 'not-opted-in')
      .map((region) => region.RegionName ?? '')
      .filter(isRegionName)
      .sort()
  } finally {
    client.destroy()
  }
}
