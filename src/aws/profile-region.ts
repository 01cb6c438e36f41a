import { STSClient } from '@aws-sdk/client-sts'

/**
 * The region a profile names in the AWS config file (`region = …`), as the SDK reads it; undefined when it
 * names none. The command's default region when AWS_REGION and AWS_DEFAULT_REGION are not set.
 */
export async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  const client = new STSClient(profile ? { profile } : {})
  try {
    const region = await client.config.region()
    return typeof region === 'string' && region !== '' ? region : undefined
  } catch {
    return undefined
  } finally {
    client.destroy()
  }
}
