/** The part of @primer/octicons (which ships no types) that github-view.ts uses. */
declare module '@primer/octicons' {
  const octicons: Readonly<Record<string, { toSVG(options?: { class?: string }): string } | undefined>>
  export default octicons
}
