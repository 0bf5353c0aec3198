// GB18030 encoding of text for sample files and tests (Node has TextDecoder('gb18030') but no
// encoder): the two-byte table built once by decoding every two-byte code; ASCII as itself.
// Characters outside the two-byte range (rare CJK extensions, emoji) are refused.
let table: Map<string, number> | null = null;

function twoByteTable(): Map<string, number> {
  if (table) return table;
  const decoder = new TextDecoder("gb18030");
  const map = new Map<string, number>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== "\uFFFD" && !map.has(ch)) map.set(ch, (lead << 8) | trail);
    }
  }
  table = map;
  return map;
}

export function encodeGb18030(text: string): Buffer {
  const map = twoByteTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const code = map.get(ch);
    if (code === undefined) throw new RangeError(`no two-byte GB18030 code for U+${cp.toString(16).toUpperCase()}`);
    out.push(code >> 8, code & 0xff);
  }
  return Buffer.from(out);
}
