import { ACMClient } from '@aws-sdk/client-acm'
import type {
  AwsCredentialIdentityProvider,
  FinalizeHandler,
  FinalizeHandlerArguments,
  HandlerExecutionContext,
  MetadataBearer
} from '@smithy/types'
import { whenSent } from './departures.js'
import { Pacer } from './pacer.js'
import { isRegionName } from '../shared/aws-names.js'

/** ACM's documented request quotas per account and region, in requests per second. */
export const ACM_REQUESTS_PER_SECOND: Readonly<Record<string, number>> = {
  ListCertificatesCommand: 8,
  DescribeCertificateCommand: 10,
  ListTagsForCertificateCommand: 10
}

/**
 * The audit paces each operation as a token bucket at ACM's documented rate, with a burst of the rate less
 * two tokens. ACM counts a request when it arrives, the pacer when it lets it go: between the two, a busy
 * event loop (another region's page being parsed) can hold requests back while their connections (and TLS
 * handshakes) open. The pacer learns when each request actually left (see whenSent) and earns nothing for
 * that time, so what is left between it and ACM is the network's jitter, which the two tokens it never uses
 * absorb: 200 ms at 10 a second. The throttling retries stay as the safety net.
 */
export function pacerBurst(perSecond: number): number {
  return Math.max(1, perSecond - BURST_MARGIN)
}

/** Tokens of ACM's bucket the pacer never uses. */
const BURST_MARGIN = 2

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

/** The SDK's longest wait before one retry (standard mode: its throttling base doubled per retry, capped at 20 s). */
const RETRY_DELAY_BASE_MS = 1_000
const RETRY_DELAY_CAP_MS = 20_000
/** The SDK may stretch one wait by this much to honour a server's retry-after hint. */
const RETRY_AFTER_SLACK_MS = 5_000

/**
 * How long one command may take with every attempt and every backoff at its longest. The SDK picks
 * credentials once per command and signs every retry with them, so a session must outlive this.
 */
export function longestCommandMs(
  settings: Pick<ClientSettings, 'maxAttempts' | 'connectionTimeoutMs' | 'requestTimeoutMs'>
): number {
  let backoff = 0
  for (let retry = 0; retry < settings.maxAttempts - 1; retry += 1) {
    backoff += Math.min(RETRY_DELAY_BASE_MS * 2 ** retry, RETRY_DELAY_CAP_MS) + RETRY_AFTER_SLACK_MS
  }
  return settings.maxAttempts * (settings.connectionTimeoutMs + settings.requestTimeoutMs) + backoff
}

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

/** Connections ACM may hold open in one region, shared by every account audited there (a keep-alive pool). */
export const ACM_SOCKETS_PER_REGION = 16

/**
 * ACM for every account of a run. Each region has one connection pool (the SDK's NodeHttpHandler, keep-alive,
 * at most `socketsPerRegion` connections) and one client whose configuration is resolved once (FIPS and
 * dual-stack endpoints, the app id, the auth scheme preference: from the environment and the AWS config
 * files); every (account, region) gets a small client of its own on top of them, signed with the account's
 * session and paced by its own token buckets (ACM's quotas are per account, region and operation). Such a
 * client holds nothing of the others: once its scan is done it is simply dropped (destroying it would close
 * the shared pool). `destroy` closes every region's pool at the end of the run.
 */
export class AcmClients {
  private readonly regions = new Map<string, ACMClient>()

  constructor(
    private readonly settings: Omit<ClientSettings, 'region' | 'credentials'>,
    private readonly rates: Readonly<Record<string, number>> = ACM_REQUESTS_PER_SECOND,
    readonly socketsPerRegion = ACM_SOCKETS_PER_REGION
  ) {}

  /** ACM in `region` for one account (no credentials: the default credential chain), paced below its quotas. */
  forAccount(region: string, credentials?: AwsCredentialIdentityProvider): ACMClient {
    const shared = this.region(region).config
    const client = new ACMClient({
      ...commonClientConfig({ ...this.settings, region, ...(credentials ? { credentials } : {}) }),
      requestHandler: shared.requestHandler,
      useFipsEndpoint: shared.useFipsEndpoint,
      useDualstackEndpoint: shared.useDualstackEndpoint,
      userAgentAppId: shared.userAgentAppId,
      authSchemePreference: shared.authSchemePreference,
      defaultsMode: shared.defaultsMode
    })
    const pacers = new Map(
      Object.entries(this.rates).map(([command, perSecond]) => [command, new Pacer(perSecond, pacerBurst(perSecond))])
    )
    pacedBy(client, (command) => pacers.get(command), 'acmQuotaPacer')
    return client
  }

  /** Closes every region's connections. */
  destroy(): void {
    for (const client of this.regions.values()) client.destroy()
    this.regions.clear()
  }

  /** The region's client that holds its pool and its resolved configuration; it sends nothing itself. */
  private region(region: string): ACMClient {
    let client = this.regions.get(region)
    if (!client) {
      const config = commonClientConfig({ ...this.settings, region })
      const sockets = { maxSockets: this.socketsPerRegion }
      client = new ACMClient({
        ...config,
        // The SDK makes this a NodeHttpHandler with keep-alive agents of that many sockets.
        requestHandler: { ...config.requestHandler, httpAgent: sockets, httpsAgent: sockets }
      })
      this.regions.set(region, client)
    }
    return client
  }
}

/** A client's middleware stack, as far as pacing needs it. */
interface Stack {
  middlewareStack: { addRelativeTo: ACMClient['middlewareStack']['addRelativeTo'] }
}

/**
 * Paces every attempt of a client's commands (after the retry middleware, so retries wait their turn too)
 * with the pacer `pacerOf` gives for the command's name, telling it when each request actually left.
 */
export function pacedBy(client: Stack, pacerOf: (commandName: string) => Pacer | undefined, name: string): void {
  client.middlewareStack.addRelativeTo(pacing(pacerOf), { relation: 'after', toMiddleware: 'retryMiddleware', name })
}

/** The pacing middleware: a token from the command's pacer for each attempt, told when the request left. */
function pacing(pacerOf: (commandName: string) => Pacer | undefined) {
  return <Output extends MetadataBearer>(next: FinalizeHandler<object, Output>, context: HandlerExecutionContext) =>
    async (args: FinalizeHandlerArguments<object>) => {
      const pacer = pacerOf(context.commandName ?? '')
      if (!pacer) return next(args)
      const departed = await pacer.take()
      // ACM and Organizations name the operation in X-Amz-Target; STS (a credential refresh) does not.
      const target = (args.request as { headers?: Record<string, string> }).headers?.['x-amz-target']
      try {
        return await whenSent(
          departed,
          () => next(args),
          (request) => target === undefined || request.getHeader('x-amz-target') === target
        )
      } finally {
        // Already called when the request left; otherwise it failed before, or the answer says it did.
        departed()
      }
    }
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
