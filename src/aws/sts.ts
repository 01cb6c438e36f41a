import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { AwsCredentialIdentity } from '@smithy/types'
import { type ClientSettings, commonClientConfig } from './clients.js'

export interface WebIdentityRequest {
  roleArn: string
  sessionName: string
  durationSeconds: number
  token: string
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
    const credentials = response.Credentials
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
      throw new Error('AssumeRoleWithWebIdentity returned no credentials.')
    }
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
      ...(credentials.Expiration ? { expiration: credentials.Expiration } : {})
    }
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
