// Resident identity numbers (居民身份证号码) by GB 11643-1999: 6-digit division code,
// 8-digit birth date, 3-digit sequence (odd = male), check character by ISO 7064 MOD 11-2.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export interface IdNumberParts {
  divisionCode: string;
  birthDate: string; // YYYY-MM-DD
  sex: "M" | "F";
}

/** Returns the parts of a valid number, or a zh-CN reason why it is invalid. */
export function parseIdNumber(raw: string): { ok: true; parts: IdNumberParts } | { ok: false; reason: string } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: "身份证号码应为18位，前17位为数字，末位为数字或X" };
  const birth = id.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, reason: "身份证号码中的出生日期无效" };
  }
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, reason: "身份证号码校验位错误" };
  return {
    ok: true,
    parts: {
      divisionCode: id.slice(0, 6),
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      sex: Number(id[16]) % 2 === 1 ? "M" : "F",
    },
  };
}

export function isValidIdNumber(raw: string): boolean {
  return parseIdNumber(raw).ok;
}

/** Builds a valid number from its parts (demo data only; sequence 0..999). */
export function makeIdNumber(divisionCode: string, birthDate: string, sequence: number): string {
  const first17 = divisionCode + birthDate.replace(/-/g, "") + String(sequence % 1000).padStart(3, "0");
  return first17 + idCheckCharacter(first17);
}

// R8.5: masked in public — first 6, eight '*', last 4.
export function maskIdNumber(id: string): string {
  return id.slice(0, 6) + "********" + id.slice(-4);
}

// R8.5: masked in public — surname then one '*' per further character.
export function maskName(name: string): string {
  const chars = Array.from(name);
  const compound = chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join("")) ? 2 : 1;
  return chars.slice(0, compound).join("") + "*".repeat(Math.max(chars.length - compound, 0));
}

export const COMPOUND_SURNAMES = new Set(["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯"]);
