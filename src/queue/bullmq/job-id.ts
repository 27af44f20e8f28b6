/**
 * BullMQ rejects custom job ids that contain ':' or look like integers. Ids are stored as
 * `j` + the id with '%' and ':' percent-encoded, which keeps them readable and reversible.
 *
 * @example
 * encodeJobId('https://example.kz/a'); // 'jhttps%3A//example.kz/a'
 * decodeJobId(encodeJobId('42')); // '42'
 */
export function encodeJobId(id: string): string {
  return `j${id.replaceAll('%', '%25').replaceAll(':', '%3A')}`;
}

export function decodeJobId(stored: string): string {
  return stored.slice(1).replaceAll('%3A', ':').replaceAll('%25', '%');
}
