/**
Replaces every occurrence of the given values in a text, raw or percent-encoded once or twice (the
forms they take in a query or a string to sign), with `***`.

Cloud error messages may echo the request: VOD's SignatureDoesNotMatch quotes the server's string to
sign, AccessKeyId and SecurityToken included. Our errors must carry neither.
*/
export function redact(text: string, values: ReadonlyArray<string | undefined>): string {
  let redacted = text;
  for (const value of values) {
    if (!value) continue;
    const once = encodeURIComponent(value);
    for (const form of new Set([value, once, encodeURIComponent(once)])) redacted = redacted.split(form).join('***');
  }
  return redacted;
}
