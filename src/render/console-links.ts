import { isRegionName, partitionOf } from '../shared/aws-names.js'

/** The certificate's page in the ACM console of its region and partition. */
export function certificateConsoleUrl(region: string, certificateId: string): string {
  if (!isRegionName(region)) return 'https://console.aws.amazon.com/acm/home'
  const fragment = `#/certificates/${encodePathPart(certificateId)}`
  const query = `acm/home?region=${encodeURIComponent(region)}${fragment}`
  switch (partitionOf(region)) {
    case 'aws-cn':
      return `https://${region}.console.amazonaws.cn/${query}`
    case 'aws-us-gov':
      return `https://console.amazonaws-us-gov.com/${query}`
    default:
      return `https://${region}.console.aws.amazon.com/${query}`
  }
}

/**
 * encodeURIComponent, plus the characters it leaves that could end or confuse a markdown link destination
 * ( ) ' ! *, and with unpaired surrogates (which it throws on) replaced by U+FFFD.
 */
function encodePathPart(text: string): string {
  const wellFormed = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu, '\ufffd')
  return encodeURIComponent(wellFormed).replace(/[!'()*]/gu, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
}
