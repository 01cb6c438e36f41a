import { AssumeRoleWithWebIdentityCommand, type Credentials, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { AwsCredentialIdentity } from '@smithy/types'
import { type ClientSettings, commonClientConfig } from './clients.js'

export interface WebIdentityRequest {
  roleArn: string
  sessionName: string
  durationSeconds: number
  token: string
}

/** The session an STS AssumeRole* call returned, as the SDK's credential providers hand it out. */
export function sessionOf(credentials: Credentials | undefined, operation: string): AwsCredentialIdentity {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error(`${operation} returned no credentials.`)
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
    ...(credentials.Expiration ? { expiration: credentials.Expiration } : {})
  }
}

/** Exchanges the workflow's OIDC token for a role session (AssumeRoleWithWebIdentity, unsigned). */
export async function assumeRoleWithWebIdentity(
  settings: ClientSettings,
  request: WebIdentityRequest
): Promise<AwsCredentialIdentity> {
  const client = new STSClient(commonClientConfig(settings))
  try {
    const response = await client.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        DurationSeconds: request.durationSeconds,
        WebIdentityToken: request.token
      })
    )
    return sessionOf(response.Credentials, 'AssumeRoleWithWebIdentity')
  } finally {
    client.destroy()
  }
}

/** The account the default credential chain acts in (GetCallerIdentity needs no IAM permission). */
export async function callerAccount(settings: ClientSettings): Promise<string> {
  const client = new STSClient(commonClientConfig(settings))
  try {
    const response = await client.send(new GetCallerIdentityCommand({}))
    return response.Account ?? ''
  } finally {
    client.destroy()
  }
}
