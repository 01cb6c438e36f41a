/** Characters never special to a POSIX shell, in any position: a word made only of them is left bare. */
const PLAIN_WORD = /^[A-Za-z0-9_./:@%+,-]+$/u

/**
 * One value as one shell word, exactly as it is: left bare when it holds only characters that are never
 * special to a shell (so that `--region us-east-1` stays readable), otherwise single-quoted, each embedded
 * single quote written as '\''. Every value interpolated into a generated command goes through it.
 */
export function shellWord(value: string): string {
  if (PLAIN_WORD.test(value)) return value
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/** Text for a `#` comment line: line breaks and other control characters become spaces, so it cannot end the comment. */
export function shellComment(text: string): string {
  let line = ''
  for (const character of text) line += character < ' ' || character === '\u007f' ? ' ' : character
  return `# ${line}`
}

/** A JMESPath literal (for --query) holding `value` exactly: a JSON string between backticks, its own backticks escaped. */
export function jmesPathLiteral(value: string): string {
  return `\`${JSON.stringify(value).replaceAll('`', '\\`')}\``
}
