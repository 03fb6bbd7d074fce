/**
 * CSV records as text arrives in pieces (RFC 4180: quoted fields with "" for a quote, commas and
 * line breaks inside quotes, CRLF or LF), so a large file never sits in memory whole.
 *
 * @example
 * const csv = new CsvReader();
 * csv.push('name,phone\n张三,138'); // [['name', 'phone']]
 * csv.end();                        // [['张三', '138']]
 */
export class CsvReader {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  /** Inside quotes, a quote may end the field or start a doubled quote: decided by the next character. */
  private quotePending = false;
  private started = false;
  private pendingCr = false;

  push(text: string): string[][] {
    const out: string[][] = [];
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') continue;
      }
      if (this.quoted) {
        if (this.quotePending) {
          this.quotePending = false;
          if (ch === '"') {
            this.field += '"';
            continue;
          }
          this.quoted = false;
        } else if (ch === '"') {
          this.quotePending = true;
          continue;
        } else {
          this.field += ch;
          continue;
        }
      }
      if (ch === '"' && this.field === '') this.quoted = true;
      else if (ch === ',') this.endField();
      else if (ch === '\n' || ch === '\r') {
        this.endRecord(out);
        this.pendingCr = ch === '\r';
      } else this.field += ch;
    }
    return out;
  }

  /** The last record when the text did not end with a line break. */
  end(): string[][] {
    const out: string[][] = [];
    if (this.quotePending) {
      this.quotePending = false;
      this.quoted = false;
    }
    if (this.field !== '' || this.record.length > 0) this.endRecord(out);
    return out;
  }

  private endField() {
    this.record.push(this.field);
    this.field = '';
  }

  private endRecord(out: string[][]) {
    this.endField();
    // Blank lines (often at the end of a file) are not records.
    if (!(this.record.length === 1 && this.record[0] === '')) out.push(this.record);
    this.record = [];
  }
}
