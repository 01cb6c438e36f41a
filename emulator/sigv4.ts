import { Hash } from '@smithy/hash-node'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import type { IncomingHttpHeaders } from 'node:http'

export interface CredentialScope {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/u

/** Reads the SigV4 Authorization header, or undefined when the request is not signed. */
export function parseAuthorization(header: string | undefined): CredentialScope | undefined {
  const match = header ? AUTHORIZATION.exec(header) : null
  if (!match) return undefined
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[]
  return {
    accessKeyId: accessKeyId as string,
    date: date as string,
    region: region as string,
    service: service as string,
    signedHeaders: (signedHeaders as string).split(';'),
    signature: signature as string
  }
}

/**
 * Signs the request again with the secret the emulator issued for the access key and compares the
 * signatures, as AWS does: a request signed with the wrong secret, region or body is rejected.
 */
export async function verifySignature(
  request: { method: string; path: string; headers: IncomingHttpHeaders; body: string },
  scope: CredentialScope,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
): Promise<boolean> {
  const headers: Record<string, string> = {}
  for (const name of scope.signedHeaders) {
    const value = request.headers[name]
    if (value === undefined) return false
    headers[name] = Array.isArray(value) ? value.join(',') : value
  }
  const [path, query = ''] = request.path.split('?')
  const httpRequest = new HttpRequest({
    method: request.method,
    protocol: 'http:',
    hostname: String(request.headers.host ?? '').split(':')[0] ?? '',
    path: path ?? '/',
    query: Object.fromEntries(new URLSearchParams(query)),
    headers,
    body: request.body
  })
  const amzDate = headers['x-amz-date']
  if (!amzDate) return false
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`
  )
  const signer = new SignatureV4({
    credentials,
    region: scope.region,
    service: scope.service,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false
  })
  const signed = await signer.sign(httpRequest, {
    signingDate,
    signableHeaders: new Set(scope.signedHeaders),
    unsignableHeaders: new Set(Object.keys(headers).filter((name) => !scope.signedHeaders.includes(name)))
  })
  const authorization = String(signed.headers.authorization ?? signed.headers.Authorization ?? '')
  return authorization.endsWith(`Signature=${scope.signature}`)
}
