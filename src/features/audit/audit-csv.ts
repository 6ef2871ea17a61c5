/**
 * The journal's period as a CSV file (F10) that Excel opens as it is: UTF-8 with a byte order
 * mark (so that Cyrillic reads right), `;`-separated as Excel expects in a Russian locale, CRLF
 * line ends, and every field quoted when it holds a separator, a quote or a line break.
 */

/** One field, quoted when it needs to be (RFC 4180, with `;` as the separator). */
export function csvField(value: string): string {
  return /[";\r\n,]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

/** The file's bytes: the byte order mark, the header row, then the rows. */
export function csvFile(header: readonly string[], rows: readonly (readonly string[])[]): Buffer {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
