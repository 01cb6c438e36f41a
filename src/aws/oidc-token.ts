/** Thrown when the job cannot request an OIDC token: the workflow must grant `id-token: write`. */
export class MissingIdTokenPermissionError extends Error {
  constructor() {
    super(
      "Input 'role-to-assume' is set, but this job cannot request an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set). Add this to the job (or the workflow):\n  permissions:\n    id-token: write\n    contents: read\nPull requests from forks never get an OIDC token: run the audit on push, schedule or workflow_dispatch instead."
    )
    this.name = 'MissingIdTokenPermissionError'
  }
}

export function canRequestIdToken(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
}

/** The claims of a JWT, read without verifying it (only to explain a trust policy mismatch). */
export function tokenClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1] ?? ''
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
