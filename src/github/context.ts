import { isSafeUrl } from '../render/markdown.js'
import type { Repository, WorkflowRun } from '../types.js'

/** owner/repo of the workflow's repository, from GITHUB_REPOSITORY. */
export function repositoryFromEnv(env: NodeJS.ProcessEnv): Repository | undefined {
  const match = /^([\w.-]+)\/([\w.-]+)$/u.exec(env.GITHUB_REPOSITORY ?? '')
  return match ? { owner: match[1] as string, repo: match[2] as string } : undefined
}

/** The web address of this workflow run, or of the repository's Actions page when the run is unknown. */
export function runUrlFromEnv(env: NodeJS.ProcessEnv): string {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/u, '')
  const repository = env.GITHUB_REPOSITORY ?? ''
  const runId = /^\d+$/u.test(env.GITHUB_RUN_ID ?? '') ? `/runs/${env.GITHUB_RUN_ID}` : ''
  const url = `${server}/${repository}/actions${runId}`
  return isSafeUrl(url) ? url : 'https://github.com'
}

/** The workflow run and attempt (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT) a report is made in; null outside one. */
export function workflowRunOf(env: NodeJS.ProcessEnv): WorkflowRun | null {
  const id = env.GITHUB_RUN_ID ?? ''
  if (!/^\d{1,20}$/u.test(id)) return null
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1')
  return { id, attempt: Number.isInteger(attempt) && attempt >= 1 ? attempt : 1 }
}
