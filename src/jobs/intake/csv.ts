// A streaming RFC 4180 reader: fields separated by commas, records by CRLF or LF (a lone CR
// too), a field containing commas, quotes or line breaks enclosed in double quotes with inner
// quotes doubled. Every record carries the physical line it starts on, so a report can point
// at the line a person sees in an editor. A malformed record (a stray quote in an unquoted
// field, text after a closing quote, a quote never closed) is returned as an error for that
// record; reading goes on with the next line.

export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  fields: string[];
  /** Set when the record is malformed: the reason (zh-CN) and the 0-based field it occurred in. */
  error?: { reason: string; field: number };
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either the first of a doubled quote or the closing one. */
  QuoteInQuoted,
  /** After an error: skip to the end of the physical line. */
  Skip,
}

export class CsvReader {
  private state = State.FieldStart;
  private field = "";
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private quotedFrom = 1;
  /** A CR ending the previous chunk, held back until its possible LF is seen. */
  private carry = "";
  private error: CsvRecord["error"] = undefined;
  private out: CsvRecord[] = [];

  /** Feeds decoded text; returns the records completed by it. */
  push(chunk: string): CsvRecord[] {
    this.out = [];
    let text = this.carry + chunk;
    this.carry = "";
    if (text.endsWith("\r")) {
      this.carry = "\r";
      text = text.slice(0, -1);
    }
    this.parse(text);
    return this.out;
  }

  /** The end of the text: the last record (without a final line break) and an unclosed quote. */
  end(): CsvRecord[] {
    this.out = [];
    if (this.carry) this.parse(this.carry);
    this.carry = "";
    if (this.state === State.Quoted) {
      this.error = { reason: `引号未闭合（自第 ${this.quotedFrom} 行起的字段缺少右引号）`, field: this.fields.length };
      this.fields.push(this.field);
      this.endRecord();
    } else if (this.state === State.QuoteInQuoted || this.state === State.Unquoted) {
      this.fields.push(this.field);
      this.endRecord();
    } else if (this.state === State.Skip || this.fields.length > 0) {
      if (this.state === State.FieldStart && this.fields.length > 0) this.fields.push("");
      this.endRecord();
    }
    return this.out;
  }

  private parse(text: string): void {
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
          if (c === 34) {
            this.state = State.Quoted;
            this.quotedFrom = this.line;
          } else if (c === 44) {
            this.fields.push("");
          } else if (c === 13 || c === 10) {
            this.fields.push("");
            i = this.newline(text, i);
            this.endRecord();
          } else {
            // Fast path: up to the next comma or line break.
            let j = i;
            while (j < n) {
              const d = text.charCodeAt(j);
              if (d === 44 || d === 13 || d === 10 || d === 34) break;
              j++;
            }
            this.field = text.slice(i, j);
            this.state = State.Unquoted;
            i = j - 1;
          }
          break;
        case State.Unquoted:
          if (c === 44) {
            this.fields.push(this.field);
            this.field = "";
            this.state = State.FieldStart;
          } else if (c === 13 || c === 10) {
            this.fields.push(this.field);
            this.field = "";
            i = this.newline(text, i);
            this.endRecord();
          } else if (c === 34) {
            this.fail("字段中间出现双引号：含逗号、引号或换行的字段须整体用双引号括起，字段内的双引号写作两个双引号");
          } else {
            let j = i;
            while (j < n) {
              const d = text.charCodeAt(j);
              if (d === 44 || d === 13 || d === 10 || d === 34) break;
              j++;
            }
            this.field += text.slice(i, j);
            i = j - 1;
          }
          break;
        case State.Quoted:
          if (c === 34) {
            this.state = State.QuoteInQuoted;
          } else {
            let j = i;
            while (j < n) {
              const d = text.charCodeAt(j);
              if (d === 34) break;
              if (d === 10 || (d === 13 && text.charCodeAt(j + 1) !== 10)) this.line++;
              j++;
            }
            this.field += text.slice(i, j);
            i = j - 1;
          }
          break;
        case State.QuoteInQuoted:
          if (c === 34) {
            this.field += '"';
            this.state = State.Quoted;
          } else if (c === 44) {
            this.fields.push(this.field);
            this.field = "";
            this.state = State.FieldStart;
          } else if (c === 13 || c === 10) {
            this.fields.push(this.field);
            this.field = "";
            i = this.newline(text, i);
            this.endRecord();
          } else {
            this.fail("右引号之后出现多余字符：引号括起的字段应在右引号后紧接逗号或换行");
          }
          break;
        case State.Skip:
          if (c === 13 || c === 10) {
            i = this.newline(text, i);
            this.endRecord();
          }
          break;
      }
    }
  }

  /** At a CR or LF outside quotes: consumes a CRLF pair, counts the line, returns the last index used. */
  private newline(text: string, i: number): number {
    this.line++;
    return text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 1 : i;
  }

  private fail(reason: string): void {
    if (!this.error) this.error = { reason, field: this.fields.length };
    this.state = State.Skip;
  }

  private endRecord(): void {
    const rec: CsvRecord = { line: this.recordLine, fields: this.fields };
    if (this.error) rec.error = this.error;
    // A blank line is no record.
    if (!(this.fields.length === 1 && this.fields[0] === "" && !this.error)) this.out.push(rec);
    this.fields = [];
    this.field = "";
    this.error = undefined;
    this.state = State.FieldStart;
    this.recordLine = this.line;
  }
}

/** RFC 4180 quoting of one field (for the error report). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: (string | number)[]): string {
  return values.map((v) => csvField(String(v))).join(",") + "\r\n";
}
