const SAMPLE_BYTES = 8192;
const MAX_CONTROL_RATIO = 0.1;

/**
 * Why a body that claims to be text is really binary (a NUL byte, or many control characters in its
 * first 8 KB), or null when it looks like text. UTF-16 with a byte-order mark counts as text.
 *
 * @example
 * binaryReason(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00])); // 'binary content (NUL bytes)'
 */
export function binaryReason(body: Buffer): string | null {
  if ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff)) return null;
  const sample = body.subarray(0, SAMPLE_BYTES);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return 'binary content (NUL bytes)';
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  if (sample.length > 0 && control / sample.length > MAX_CONTROL_RATIO) {
    return `binary content (${Math.round((100 * control) / sample.length)}% control characters)`;
  }
  return null;
}
