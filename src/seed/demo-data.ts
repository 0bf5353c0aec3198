// Deterministic demo data: synthetic families of Hubei public-rental housing with their
// archive, housing-operations and judicial rows. Pure — the same seed and `today` give the
// same rows, ids included — and streaming: one family bundle at a time, so a run of a
// million families never holds more than one family in memory.
//
// Uniqueness without global state:
//   * Row ids are a keyed 48-bit permutation (Feistel network) of (family index, row kind,
//     row number) in the last UUID group, with seed-derived hash bits in front — distinct
//     rows of one seed can never share an id.
//   * ID numbers are 6-digit county + 8-digit birth date + 3-digit sequence. Families are
//     assigned to cities by a fixed weighted cycle, so a family's index gives its city and
//     its ordinal j within that city; member ID numbers always use a county of the family's
//     city. Inside one city, j = q * 71 + s; the sequence encodes (member kind, s, sex) and
//     the birth date is an injective function of q for fixed (s, kind). Hence no two members
//     of a run share an ID number (capacity: 71 × 16,000 families per city, ≥ 5 million in all).
//   * Case numbers embed the family index (2 × index + record number).
import type { FamilyFields, GuaranteeMode } from "../domain/family-input";
import { cityDivisions, countiesOf, type Division } from "../domain/divisions";
import { makeIdNumber } from "../domain/id-number";
import type { JudicialKind } from "../subgraphs/judicial/entities/judicial-record.entity";
import { createRng, mix32, randomName, randomSurname, type Rng, type Sex } from "./chinese-names";

// ---------------------------------------------------------------------------------------
// Row shapes (property names are the MikroORM entity property names; `family` and
// `tenancy` hold the id of the referenced row, as accepted by em.insertMany).

export interface DemoFamilyRow {
  id: string;
  divisionCode: string;
  hukouDivisionCode: string;
  maritalStatus: string;
  householdSize: number;
  annualIncome: number;
  propertyCount: number;
  housingStatus: string;
  perCapitaArea: number | null;
  guaranteeCategory: string;
  guaranteeMode: GuaranteeMode;
  guaranteeGroup: string;
  priority: boolean;
  priorityReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoMemberRow {
  id: string;
  family: string;
  position: number;
  name: string;
  idNumber: string;
  relation: string;
}

export interface DemoTenancyRow {
  id: string;
  familyId: string;
  divisionCode: string;
  unitAddress: string;
  leaseStart: string;
  leaseEnd: string;
  monthlyRent: number;
  createdAt: Date;
}

export interface DemoRentLedgerRow {
  id: string;
  tenancy: string;
  /** YYYY-MM-01 */
  month: string;
  amountDue: number;
  amountPaid: number;
  paidOn: string | null;
}

export interface DemoOccupancyCheckRow {
  id: string;
  tenancy: string;
  checkedOn: string;
  occupied: boolean;
  inspector: string;
  note: string | null;
}

export interface DemoWarningRow {
  id: string;
  tenancy: string;
  issuedOn: string;
  kind: "RENT_ARREARS" | "VACANCY";
  reason: string;
}

export interface DemoJudicialRow {
  id: string;
  idNumber: string;
  kind: JudicialKind;
  caseNumber: string;
  court: string;
  divisionCode: string;
  decidedOn: string;
  summary: string;
  receivedAt: Date;
}

/** Everything generated for one family, across the three subgraphs. */
export interface FamilyBundle {
  /** Global family index in the run (startIndex + position). */
  index: number;
  family: DemoFamilyRow;
  members: DemoMemberRow[];
  /** Housing: null when the family has no public-rental tenancy (e.g. rental subsidy only). */
  tenancy: DemoTenancyRow | null;
  rentLedger: DemoRentLedgerRow[];
  occupancyChecks: DemoOccupancyCheckRow[];
  warnings: DemoWarningRow[];
  judicialRecords: DemoJudicialRow[];
}

export interface GenerateOptions {
  count: number;
  seed: number;
  /** YYYY-MM-DD: the "current" date; ledgers, checks and decisions end on or before it. */
  today: string;
  /** Index of the first family (to continue a run); default 0. */
  startIndex?: number;
}

export interface DemoOrganization {
  code: string;
  name: string;
  kind: "HOUSING_AUTHORITY" | "PARTNER" | "DEPARTMENT";
  level: "PROVINCE" | "CITY" | "COUNTY";
  divisionCode: string;
}

// ---------------------------------------------------------------------------------------
// Organizations

/** The city's housing authority name (武汉 has a dedicated bureau). */
export function cityHousingAuthorityName(city: Division): string {
  return city.code === "420100" ? "武汉市住房保障和房屋管理局" : `${city.name}住房和城乡建设局`;
}

/**
 * Province authority, the 17 prefecture-level authorities, two sample partners and two sample
 * registered departments that supply judicial and administrative records (R6.5, issue 14).
 */
export function demoOrganizations(): DemoOrganization[] {
  const orgs: DemoOrganization[] = [
    { code: "HA-420000", name: "湖北省住房和城乡建设厅", kind: "HOUSING_AUTHORITY", level: "PROVINCE", divisionCode: "420000" },
  ];
  for (const city of cityDivisions()) {
    orgs.push({ code: `HA-${city.code}`, name: cityHousingAuthorityName(city), kind: "HOUSING_AUTHORITY", level: "CITY", divisionCode: city.code });
  }
  orgs.push(
    { code: "PT-420100-MZ", name: "武汉市民政局", kind: "PARTNER", level: "CITY", divisionCode: "420100" },
    { code: "PT-420000-GA", name: "湖北省公安厅", kind: "PARTNER", level: "PROVINCE", divisionCode: "420000" },
    { code: "DP-420100-ZY", name: "武汉市中级人民法院", kind: "DEPARTMENT", level: "CITY", divisionCode: "420100" },
    { code: "DP-420000-SJ", name: "湖北省市场监督管理局", kind: "DEPARTMENT", level: "PROVINCE", divisionCode: "420000" },
  );
  return orgs;
}

// ---------------------------------------------------------------------------------------
// Cities and the weighted assignment cycle

/** Relative share of families per city (a rough proxy for population). */
const CITY_WEIGHTS: Record<string, number> = {
  "420100": 8, // 武汉
  "420200": 2,
  "420300": 2,
  "420500": 3,
  "420600": 3,
  "420700": 1,
  "420800": 2,
  "420900": 2,
  "421000": 3,
  "421100": 3,
  "421200": 2,
  "421300": 1,
  "422800": 2,
  "429004": 1,
  "429005": 1,
  "429006": 1,
  "429021": 1,
};

interface CityInfo {
  ordinal: number;
  city: Division;
  /** County-level divisions (the city itself when it has none, e.g. 仙桃). */
  counties: Division[];
  weight: number;
}

interface CycleSlot {
  city: CityInfo;
  /** Which occurrence of the city in the cycle this slot is. */
  round: number;
}

let cycleCache: CycleSlot[] | undefined;

/**
 * The weighted cycle: round 0 lists every city once (so any 17 consecutive families from
 * index 0 cover all cities), later rounds list the cities whose weight is larger.
 */
function cityCycle(): CycleSlot[] {
  if (cycleCache) return cycleCache;
  const infos: CityInfo[] = cityDivisions().map((city, ordinal) => {
    const counties = countiesOf(city.code).filter((d) => d.level === "COUNTY");
    return { ordinal, city, counties: counties.length > 0 ? counties : [city], weight: CITY_WEIGHTS[city.code] ?? 1 };
  });
  const maxWeight = Math.max(...infos.map((c) => c.weight));
  const slots: CycleSlot[] = [];
  for (let round = 0; round < maxWeight; round++) {
    for (const city of infos) if (city.weight > round) slots.push({ city, round });
  }
  cycleCache = slots;
  return slots;
}

// ---------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;
const YEAR = 365.25;

function toDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Month index (year * 12 + month - 1) of a date or YYYY-MM string. */
function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function monthStart(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}年${(index % 12) + 1}月`;
}

/** Whole years from birth to the day. */
function ageOn(birthDay: number, day: number): number {
  const b = fromDay(birthDay);
  const d = fromDay(day);
  let age = Number(d.slice(0, 4)) - Number(b.slice(0, 4));
  if (d.slice(5) < b.slice(5)) age--;
  return age;
}

function years(y: number): number {
  return Math.round(y * YEAR);
}

function money(n: number): string {
  return n.toFixed(2);
}

function cents(n: number): number {
  return Math.round(n * 100) / 100;
}

// ---------------------------------------------------------------------------------------
// Deterministic ids

const ROW_KIND = { family: 0, member: 1, tenancy: 2, ledger: 3, check: 4, warning: 5, judicial: 6 } as const;
type RowKind = keyof typeof ROW_KIND;

function hex(n: number, width: number): string {
  return (n >>> 0).toString(16).padStart(width, "0");
}

interface RunContext {
  seed: number;
  seedKey: number;
  idKeys: number[];
  todayDay: number;
  todayMonth: number;
  todayDate: number;
}

/**
 * An RFC 4122 version-4-shaped UUID. The last group is a keyed 4-round Feistel permutation
 * of the 48-bit value (index: 32 bits, kind: 3 bits, sub: 13 bits), so it is unique per row
 * of a seed; the other groups are hash bits of that value and the seed.
 */
function demoUuid(ctx: RunContext, index: number, kind: RowKind, sub = 0): string {
  if (sub < 0 || sub > 0x1fff) throw new RangeError(`row number ${sub} out of range for a demo id`);
  let l = index >>> 8;
  let r = ((index & 0xff) << 16) | (ROW_KIND[kind] << 13) | sub;
  for (let round = 0; round < 4; round++) {
    const f = mix32(r ^ ctx.idKeys[round]) & 0xffffff;
    const next = (l ^ f) & 0xffffff;
    l = r;
    r = next;
  }
  const h1 = mix32(ctx.idKeys[4] ^ Math.imul(l, 0x9e3779b1) ^ r);
  const h2 = mix32(h1 ^ l ^ ctx.idKeys[5]);
  const h3 = mix32(h2 ^ r ^ ctx.idKeys[6]);
  return (
    `${hex(h1, 8)}-${hex(h2 >>> 16, 4)}-4${hex(h2 & 0xfff, 3)}-` +
    `${(8 | (h3 >>> 30)).toString(16)}${hex(h3 & 0xfff, 3)}-${hex(l, 6)}${hex(r, 6)}`
  );
}

// ---------------------------------------------------------------------------------------
// ID numbers (see the header comment for why they are unique)

/** Slots s per (city, q): 71 × 7 kinds × 2 sexes = 994 ≤ 1000 sequence numbers. */
const S_SLOTS = 71;
/** Window of applicant birth dates in days (≈ 43.8 years); also the capacity in q. */
const BIRTH_WINDOW = 16_000;
/** Multiplier coprime with BIRTH_WINDOW that scatters consecutive q over the window. */
const BIRTH_STRIDE = 7_919;
const MIN_APPLICANT_AGE_DAYS = years(21);
/**
 * Birth dates count back from this day (or from an earlier seeding day), not from the seeding
 * day itself: an applicant's ID number is then the same whichever day the demo archive is first
 * started, so the sample files of `hub import` (examples/, issue 14) name archived applicants.
 */
const BIRTH_ANCHOR = "2026-12-01";

const MEMBER_KIND = { applicant: 0, spouse: 1, child1: 2, child2: 3, child3: 4, father: 5, mother: 6 } as const;
type MemberKind = keyof typeof MEMBER_KIND;

function idSequence(kind: MemberKind, s: number, sex: Sex): number {
  return 2 * (MEMBER_KIND[kind] * S_SLOTS + s) + (sex === "M" ? 1 : 0);
}

// ---------------------------------------------------------------------------------------
// Vocabulary

const CATEGORIES = ["城镇中等偏下收入住房困难家庭", "外来务工人员", "城镇低收入家庭", "城镇低保家庭"] as const;
/** County-level GB/T 2260 codes of neighbouring provinces, for synthetic out-of-province 户籍 (R3.1). */
const OUT_OF_PROVINCE_HUKOU = ["411302", "411702", "430102", "430602", "340104", "360102", "500101", "500233", "510104", "610102"] as const;
const CATEGORY_WEIGHTS = [40, 25, 22, 13];
const YOUNG_CATEGORY = "新就业无房职工";

const GROUP_BY_CATEGORY: Record<string, string> = {
  城镇中等偏下收入住房困难家庭: "城镇户籍家庭",
  城镇低收入家庭: "城镇户籍家庭",
  城镇低保家庭: "城镇户籍家庭",
  外来务工人员: "新市民",
  新就业无房职工: "青年人",
};

/** Yearly income per head (yuan) by guarantee category. */
const INCOME_PER_HEAD: Record<string, [number, number]> = {
  城镇低保家庭: [4_800, 9_000],
  城镇低收入家庭: [9_000, 20_000],
  城镇中等偏下收入住房困难家庭: [18_000, 36_000],
  外来务工人员: [24_000, 55_000],
  新就业无房职工: [30_000, 60_000],
};

const PRIORITY_REASONS = ["重度残疾", "优抚对象", "计划生育特殊家庭"];

const ESTATES = ["幸福", "康居", "安居", "和谐", "阳光", "丽景", "民生", "惠民", "锦绣", "福星", "翠湖", "泰和", "润泽", "馨悦", "同心", "长青", "桂香", "金桥", "嘉和", "新城", "东湖", "南山", "滨江", "紫荆"];
const ESTATE_SUFFIXES = ["家园", "小区", "花园", "苑", "新村"];

const VACANT_NOTES = ["入户核查无人应答，水电读数无明显变化", "邻居反映长期无人居住", "屋内无生活迹象，已张贴核查通知", "多次上门均无人，电话联系不上"];
const OCCUPIED_NOTES = ["正常居住", "承租人本人在家", "家庭成员在家，居住正常"];

// ---------------------------------------------------------------------------------------
// The generator

function makeContext(seed: number, today: string): RunContext {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || fromDay(toDay(today)) !== today) throw new RangeError(`today must be a YYYY-MM-DD date, got "${today}"`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const seedKey = (mix32((seed ^ 0x5eed5eed) >>> 0) ^ mix32(Math.floor(seed / 2 ** 32) + 0x1234567)) >>> 0;
  const idKeys: number[] = [];
  for (let k = 0; k < 7; k++) idKeys.push(mix32(seedKey + Math.imul(k + 1, 0x9e3779b1)));
  return { seed, seedKey, idKeys, todayDay: toDay(today), todayMonth: monthIndex(today), todayDate: Number(today.slice(8, 10)) };
}

/** Yields one bundle per family, for indexes startIndex … startIndex + count - 1. */
export function* generateFamilies(opts: GenerateOptions): Generator<FamilyBundle, void, undefined> {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new RangeError(`count must be a non-negative integer, got ${opts.count}`);
  const start = opts.startIndex ?? 0;
  if (!Number.isInteger(start) || start < 0 || start + opts.count > 2 ** 32) throw new RangeError(`startIndex out of range: ${start}`);
  const ctx = makeContext(opts.seed, opts.today);
  for (let k = 0; k < opts.count; k++) yield generateFamily(ctx, start + k);
}

/** The archive fields of a bundle, as validateFamilyFields expects them. */
export function toFamilyFields(bundle: FamilyBundle): FamilyFields {
  const f = bundle.family;
  return {
    divisionCode: f.divisionCode,
    members: bundle.members.map((m) => ({ name: m.name, idNumber: m.idNumber, relation: m.relation })),
    hukouDivisionCode: f.hukouDivisionCode,
    maritalStatus: f.maritalStatus,
    householdSize: f.householdSize,
    annualIncome: f.annualIncome,
    propertyCount: f.propertyCount,
    housingStatus: f.housingStatus,
    perCapitaArea: f.perCapitaArea,
    guaranteeCategory: f.guaranteeCategory,
    guaranteeMode: f.guaranteeMode,
    guaranteeGroup: f.guaranteeGroup,
    priority: f.priority,
    priorityReason: f.priorityReason,
  };
}

interface PersonDraft {
  kind: MemberKind;
  relation: string;
  sex: Sex;
  birthDay: number;
  surname?: string;
  county: Division;
}

function generateFamily(ctx: RunContext, index: number): FamilyBundle {
  const cycle = cityCycle();
  const slot = cycle[index % cycle.length];
  const info = slot.city;
  const j = Math.floor(index / cycle.length) * info.weight + slot.round;
  const s = j % S_SLOTS;
  const q = Math.floor(j / S_SLOTS);
  if (q >= BIRTH_WINDOW) throw new RangeError(`family index ${index} exceeds the demo generator's capacity for ${info.city.name}`);

  const rng = createRng(mix32(ctx.seedKey ^ mix32(index)));
  const { todayDay } = ctx;

  // Per (city, s) offsets; with q they place each member's birth date injectively.
  const pairKey = mix32(ctx.seedKey ^ Math.imul(info.ordinal + 1, 0x9e3779b1) ^ Math.imul(s + 1, 0x85ebca77));
  const kindHash = (kind: MemberKind, extra = 0) => mix32(pairKey ^ Math.imul(MEMBER_KIND[kind] + 1, 0xc2b2ae3d) ^ extra);
  const birthRef = Math.min(todayDay, toDay(BIRTH_ANCHOR));
  const applicantDay = birthRef - MIN_APPLICANT_AGE_DAYS - ((q * BIRTH_STRIDE + (pairKey % BIRTH_WINDOW)) % BIRTH_WINDOW);
  const applicantAge = ageOn(applicantDay, todayDay);

  const division = rng.pick(info.counties);
  const applicantSex: Sex = rng.chance(0.5) ? "M" : "F";

  // Guarantee category and the household registration that goes with it.
  const category = applicantAge < 35 && rng.chance(0.45) ? YOUNG_CATEGORY : rng.pickWeighted(CATEGORIES, CATEGORY_WEIGHTS);
  const group = GROUP_BY_CATEGORY[category];
  let hukou = division;
  if ((category === "外来务工人员" || (category === YOUNG_CATEGORY && rng.chance(0.4))) && info.counties.length > 1) {
    const others = info.counties.filter((d) => d.code !== division.code);
    hukou = rng.pick(others);
  }
  // R3.1: about a third of migrant-worker families are registered (户籍) in a neighbouring
  // province. Drawn from a hash of the family, not from `rng`, so every other field of the run
  // stays as it was; the members' ID numbers keep their Hubei county (they keep IDs unique).
  const migrantHash = mix32(ctx.seedKey ^ Math.imul(index + 1, 0x27d4eb2f));
  const hukouCode = category === "外来务工人员" && migrantHash % 3 === 0 ? OUT_OF_PROVINCE_HUKOU[(migrantHash >>> 2) % OUT_OF_PROVINCE_HUKOU.length] : hukou.code;

  // Members: applicant, spouse, children, parents.
  const applicantSurname = randomSurname(rng);
  const people: PersonDraft[] = [
    { kind: "applicant", relation: "本人", sex: applicantSex, birthDay: applicantDay, surname: applicantSurname, county: hukou },
  ];
  const spouseSex: Sex = applicantSex === "M" ? "F" : "M";
  const spouseShift = kindHash("spouse", spouseSex === "M" ? 1 : 0) % years(7);
  const spouseDay = spouseSex === "F" ? applicantDay - years(1) + spouseShift : applicantDay - years(6) + spouseShift;
  const spouseAge = ageOn(spouseDay, todayDay);
  const spouseOk = spouseAge >= 20 && spouseAge <= 88;
  const marryP = applicantAge < 25 ? 0.1 : applicantAge < 30 ? 0.4 : category === YOUNG_CATEGORY ? 0.5 : 0.75;
  let maritalStatus: string;
  const spouseSurname = randomSurname(rng);
  if (spouseOk && rng.chance(marryP)) {
    maritalStatus = "已婚";
    people.push({ kind: "spouse", relation: "配偶", sex: spouseSex, birthDay: spouseDay, surname: spouseSurname, county: rng.chance(0.7) ? hukou : rng.pick(info.counties) });
  } else if (applicantAge >= 28 && rng.chance(0.35)) {
    maritalStatus = applicantAge >= 45 && rng.chance(0.4) ? "丧偶" : "离异";
  } else {
    maritalStatus = "未婚";
  }
  const childSurname = applicantSex === "F" && maritalStatus === "已婚" ? spouseSurname : applicantSurname;
  const childCount =
    maritalStatus === "未婚" ? 0 : maritalStatus === "已婚" ? rng.pickWeighted([0, 1, 2, 3], [20, 50, 25, 5]) : rng.pickWeighted([0, 1, 2], [35, 50, 15]);
  let childDay = applicantDay + years(22) + (kindHash("child1") % years(13));
  const childKinds: MemberKind[] = ["child1", "child2", "child3"];
  for (let c = 0; c < childCount; c++) {
    if (c === 1) childDay += years(1.5) + (kindHash("child2") % years(4.5));
    if (c === 2) childDay += years(1.5) + (kindHash("child3") % years(4));
    if (childDay > todayDay - 30) break;
    people.push({ kind: childKinds[c], relation: "子女", sex: rng.chance(0.5) ? "M" : "F", birthDay: childDay, surname: childSurname, county: division });
  }
  if (applicantAge <= 50 && rng.chance(applicantAge < 30 ? 0.3 : 0.15)) {
    const which = rng.pickWeighted(["both", "father", "mother"], [50, 20, 30]);
    const fatherDay = applicantDay - years(24) - (kindHash("father") % years(12));
    const motherDay = applicantDay - years(22) - (kindHash("mother") % years(11));
    if (which !== "mother" && ageOn(fatherDay, todayDay) <= 88) {
      people.push({ kind: "father", relation: "父母", sex: "M", birthDay: fatherDay, surname: applicantSurname, county: hukou });
    }
    if (which !== "father" && ageOn(motherDay, todayDay) <= 88) {
      people.push({ kind: "mother", relation: "父母", sex: "F", birthDay: motherDay, county: hukou });
    }
  }
  if (people.length > 5) {
    // Keep the applicant, the spouse and the youngest generation first.
    people.splice(5);
  }

  const familyId = demoUuid(ctx, index, "family");
  const members: DemoMemberRow[] = people.map((p, position) => ({
    id: demoUuid(ctx, index, "member", position),
    family: familyId,
    position,
    name: randomName(rng, p.sex, p.surname),
    idNumber: makeIdNumber(p.county.code, fromDay(p.birthDay), idSequence(p.kind, s, p.sex)),
    relation: p.relation,
  }));

  const householdSize = members.length + (rng.chance(0.08) ? 1 : 0);
  const [incomeLo, incomeHi] = INCOME_PER_HEAD[category];
  const earners = people.filter((p) => p.kind === "applicant" || p.kind === "spouse").length;
  const annualIncome = cents(rng.int(incomeLo * 100, incomeHi * 100) * (category === YOUNG_CATEGORY ? earners : householdSize) / 100);

  const propertyCount = category === YOUNG_CATEGORY || category === "外来务工人员" ? (rng.chance(0.05) ? 1 : 0) : rng.chance(0.2) ? 1 : 0;
  let housingStatus: string;
  let perCapitaArea: number | null = null;
  if (propertyCount === 1) {
    housingStatus = "人均住房面积低于标准";
    perCapitaArea = rng.int(600, 1490) / 100;
  } else {
    housingStatus = rng.pickWeighted(["无自有住房", "租住私房", "借住亲友住房"], [80, 14, 6]);
  }
  const guaranteeMode: GuaranteeMode = rng.chance(category === "城镇低保家庭" ? 0.85 : 0.7) ? "PHYSICAL_ALLOCATION" : "RENTAL_SUBSIDY";
  let priority = false;
  let priorityReason: string | null = null;
  if (applicantAge >= 60 && rng.chance(0.5)) {
    priority = true;
    priorityReason = "60周岁以上老人";
  } else if (rng.chance(0.05)) {
    priority = true;
    priorityReason = rng.pick(PRIORITY_REASONS);
  }

  // Housing operations.
  const hasTenancy = guaranteeMode === "PHYSICAL_ALLOCATION" || rng.chance(0.25);
  const housing = hasTenancy ? generateTenancy(ctx, rng, index, familyId, info, division) : null;

  const createdDay = housing ? toDay(housing.tenancy.leaseStart) - rng.int(30, 240) : todayDay - rng.int(30, 3 * 365);
  const createdAt = new Date(createdDay * DAY_MS + rng.int(0, 10 * 3600) * 1000);

  const family: DemoFamilyRow = {
    id: familyId,
    divisionCode: division.code,
    hukouDivisionCode: hukouCode,
    maritalStatus,
    householdSize,
    annualIncome,
    propertyCount,
    housingStatus,
    perCapitaArea,
    guaranteeCategory: category,
    guaranteeMode,
    guaranteeGroup: group,
    priority,
    priorityReason,
    createdAt,
    updatedAt: createdAt,
  };

  // Judicial records: more likely where the rent has long been in arrears.
  const judicialRecords: DemoJudicialRow[] = [];
  const judicialP = housing?.heavyArrears ? 0.3 : 0.035;
  if (rng.chance(judicialP)) {
    const n = rng.chance(0.2) ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const who = people.length > 1 && people[1].kind === "spouse" && rng.chance(0.3) ? 1 : 0;
      judicialRecords.push(generateJudicial(ctx, rng, index, k, info, division, members[who].idNumber, people[who].birthDay, housing?.heavyArrears ?? false));
    }
  }

  return {
    index,
    family,
    members,
    tenancy: housing?.tenancy ?? null,
    rentLedger: housing?.ledger ?? [],
    occupancyChecks: housing?.checks ?? [],
    warnings: housing?.warnings ?? [],
    judicialRecords,
  };
}

interface HousingDraft {
  tenancy: DemoTenancyRow;
  ledger: DemoRentLedgerRow[];
  checks: DemoOccupancyCheckRow[];
  warnings: DemoWarningRow[];
  heavyArrears: boolean;
}

function generateTenancy(ctx: RunContext, rng: Rng, index: number, familyId: string, info: CityInfo, division: Division): HousingDraft {
  const { todayDay, todayMonth, todayDate } = ctx;
  const tenancyId = demoUuid(ctx, index, "tenancy");
  const place = info.city.code === division.code ? info.city.name : info.city.name + division.name;
  const estate = rng.pick(ESTATES) + rng.pick(ESTATE_SUFFIXES);
  const unitAddress = `${place}${estate}公租房小区${rng.int(1, 18)}栋${rng.int(1, 4)}单元${rng.int(1, 18)}${String(rng.int(1, 6)).padStart(2, "0")}室`;

  const ledgerMonths = rng.int(12, 24);
  const firstMonth = todayMonth - ledgerMonths + 1;
  const leaseStartMonth = firstMonth - rng.int(0, 36);
  let leaseEndMonth = leaseStartMonth + 36;
  while (leaseEndMonth <= todayMonth) leaseEndMonth += 36;
  const leaseStart = monthStart(leaseStartMonth);
  const leaseEnd = fromDay(toDay(monthStart(leaseEndMonth)) - 1);

  const area = rng.int(35, 60);
  const perSqm = info.city.code === "420100" ? rng.float(9, 14) : rng.float(4.5, 9);
  const monthlyRent = Math.round(area * perSqm * 2) / 2;

  // Rent ledger: which of the months are unpaid (0) or half paid (1).
  const arrearsRoll = rng.next();
  const unpaid = new Map<number, "none" | "half">();
  let heavyArrears = false;
  let heavyFirst = 0;
  if (arrearsRoll < 0.065) {
    heavyArrears = true;
    const n = rng.int(7, Math.min(ledgerMonths, 15));
    heavyFirst = todayMonth - n + 1;
    for (let m = heavyFirst; m <= todayMonth; m++) unpaid.set(m, "none");
    if (rng.chance(0.3)) unpaid.set(heavyFirst, "half");
  } else if (arrearsRoll < 0.065 + 0.12) {
    const n = rng.int(1, 3);
    while (unpaid.size < n) unpaid.set(todayMonth - rng.int(0, 5), rng.chance(0.25) ? "half" : "none");
  }

  const ledger: DemoRentLedgerRow[] = [];
  for (let m = firstMonth; m <= todayMonth; m++) {
    const state = unpaid.get(m);
    const startDay = toDay(monthStart(m));
    const paidOn = fromDay(Math.min(startDay + rng.int(0, 19), todayDay));
    ledger.push({
      id: demoUuid(ctx, index, "ledger", m - firstMonth),
      tenancy: tenancyId,
      month: monthStart(m),
      amountDue: monthlyRent,
      amountPaid: state === "none" ? 0 : state === "half" ? cents(monthlyRent / 2) : monthlyRent,
      paidOn: state === "none" ? null : paidOn,
    });
  }

  // Occupancy checks: quarterly, monthly while vacancy is suspected.
  const inspectors = [randomName(rng, rng.chance(0.5) ? "M" : "F"), randomName(rng, rng.chance(0.5) ? "M" : "F")];
  const vacancyRoll = rng.next();
  const vacantMonths = vacancyRoll < 0.042 ? rng.int(7, Math.min(ledgerMonths, 12)) : vacancyRoll < 0.072 ? rng.int(1, 3) : 0;
  const vacantFirst = todayMonth - vacantMonths + 1;
  const checkDay = (m: number, lo = 3, hi = 26) => {
    const d = rng.int(lo, hi);
    return m === todayMonth ? Math.min(d, todayDate) : d;
  };
  const checks: DemoOccupancyCheckRow[] = [];
  const addCheck = (m: number, day: number, occupied: boolean) => {
    checks.push({
      id: demoUuid(ctx, index, "check", checks.length),
      tenancy: tenancyId,
      checkedOn: `${monthStart(m).slice(0, 8)}${String(day).padStart(2, "0")}`,
      occupied,
      inspector: rng.pick(inspectors),
      note: occupied ? (rng.chance(0.3) ? rng.pick(OCCUPIED_NOTES) : null) : rng.pick(VACANT_NOTES),
    });
  };
  const phase = rng.int(0, 2);
  for (let m = firstMonth; m < vacantFirst; m++) {
    if ((m - firstMonth) % 3 === phase) addCheck(m, checkDay(m), true);
  }
  for (let m = vacantFirst; m <= todayMonth; m++) {
    if (vacantMonths >= 7 && rng.chance(0.3)) {
      const d1 = checkDay(m, 3, 13);
      addCheck(m, d1, false);
      addCheck(m, Math.max(d1, checkDay(m, 14, 27)), false);
    } else {
      addCheck(m, checkDay(m), false);
    }
  }

  // Warnings for long arrears and long vacancy (and some short arrears).
  const warnings: DemoWarningRow[] = [];
  const issue = (m: number, day: number, kind: DemoWarningRow["kind"], reason: string) => {
    const issuedDay = Math.min(toDay(monthStart(m)) + day - 1, todayDay);
    warnings.push({ id: demoUuid(ctx, index, "warning", warnings.length), tenancy: tenancyId, issuedOn: fromDay(issuedDay), kind, reason });
  };
  const owedUpTo = (lastMonth: number) =>
    ledger.filter((l) => monthIndex(l.month) <= lastMonth).reduce((sum, l) => sum + Math.max(l.amountDue - l.amountPaid, 0), 0);
  if (heavyArrears) {
    for (const after of [3, 6]) {
      const through = heavyFirst + after - 1;
      issue(through + 1, rng.int(5, 12), "RENT_ARREARS", `截至${monthLabel(through)}已累计拖欠租金${after}个月，合计${money(owedUpTo(through))}元。请于收到本通知之日起15日内缴清，逾期将依据公租房租赁合同解除合同、收回住房，并记入信用档案。`);
    }
  } else if (unpaid.size > 0 && rng.chance(0.4)) {
    const first = Math.min(...unpaid.keys());
    issue(Math.min(first + 1, todayMonth), rng.int(5, 15), "RENT_ARREARS", `${monthLabel(first)}租金逾期未缴，请尽快缴纳，逾期累计将影响保障资格。`);
  }
  if (vacantMonths >= 7) {
    for (const after of [3, 6]) {
      issue(vacantFirst + after - 1, 28, "VACANCY", `经入户核查，该公租房自${monthLabel(vacantFirst)}起连续${after}个月无人居住。请于30日内说明情况并整改，无正当理由连续闲置6个月以上的，将依规收回住房。`);
    }
  }

  const tenancy: DemoTenancyRow = {
    id: tenancyId,
    familyId,
    divisionCode: division.code,
    unitAddress,
    leaseStart,
    leaseEnd,
    monthlyRent,
    createdAt: new Date(toDay(leaseStart) * DAY_MS + 3600_000),
  };
  return { tenancy, ledger, checks, warnings, heavyArrears };
}

function courtName(info: CityInfo, division: Division): string {
  if (division.code === info.city.code) return `${info.city.name}人民法院`;
  if (division.name.endsWith("区") && !division.name.endsWith("林区")) return `${info.city.name}${division.name}人民法院`;
  return `${division.name}人民法院`;
}

function generateJudicial(
  ctx: RunContext,
  rng: Rng,
  index: number,
  k: number,
  info: CityInfo,
  division: Division,
  idNumber: string,
  birthDay: number,
  rentCase: boolean,
): DemoJudicialRow {
  const kind: JudicialKind = rentCase ? rng.pickWeighted<JudicialKind>(["JUDGMENT", "ENFORCEMENT"], [60, 40]) : rng.pickWeighted<JudicialKind>(["JUDGMENT", "ADMINISTRATIVE_PENALTY", "ENFORCEMENT"], [45, 25, 30]);
  const earliest = Math.max(ctx.todayDay - 5 * 365, birthDay + years(18) + 1);
  const decidedDay = Math.max(earliest, ctx.todayDay - rng.int(20, 5 * 365));
  const decidedOn = fromDay(Math.min(decidedDay, ctx.todayDay - 1));
  const year = decidedOn.slice(0, 4);
  const serial = index * 2 + k + 1;
  const code4 = division.code.slice(2);
  const amount = money(rentCase ? rng.int(200_000, 1_200_000) / 100 : rng.int(30, 2000) * 100);
  let caseNumber: string;
  let court: string;
  let summary: string;
  switch (kind) {
    case "JUDGMENT":
      caseNumber = `（${year}）鄂${code4}民初${serial}号`;
      court = courtName(info, division);
      summary = rentCase
        ? `房屋租赁合同纠纷：原告公租房运营单位诉被告拖欠公共租赁住房租金，判决被告于判决生效之日起十日内支付拖欠租金${amount}元并腾退所承租的公租房。`
        : rng.pick([
            `民间借贷纠纷：判决被告于判决生效之日起十日内偿还借款本金${amount}元及逾期利息。`,
            `买卖合同纠纷：判决被告支付货款${amount}元及违约金。`,
            `物业服务合同纠纷：判决被告支付拖欠的物业服务费${amount}元。`,
          ]);
      break;
    case "ENFORCEMENT":
      caseNumber = `（${year}）鄂${code4}执${serial}号`;
      court = courtName(info, division);
      summary = rng.pick([
        `被执行人未按生效法律文书履行给付义务，执行标的${amount}元，已被纳入失信被执行人名单并限制高消费。`,
        `申请执行人申请强制执行，执行标的${amount}元，经查被执行人暂无可供执行财产，本院裁定终结本次执行程序。`,
      ]);
      break;
    case "ADMINISTRATIVE_PENALTY":
      caseNumber = `鄂${code4}住建罚〔${year}〕${serial}号`;
      court = cityHousingAuthorityName(info.city);
      summary = rng.pick([
        `当事人擅自将承租的公共租赁住房转租他人，违反《公共租赁住房管理办法》第二十七条，决定责令限期退回公租房，并处罚款${amount}元。`,
        `当事人以隐瞒收入、住房状况等方式骗取公共租赁住房保障，依据《公共租赁住房管理办法》第三十六条，给予警告并处罚款${amount}元。`,
        `当事人擅自改变所承租公共租赁住房的用途，责令限期改正，并处罚款${amount}元。`,
      ]);
      break;
    default:
      // The demo draws only the three kinds above (criminal penalties and confirmations come by intake).
      throw new Error(`demo judicial kind ${kind} has no wording`);
  }
  const receivedDay = Math.min(toDay(decidedOn) + rng.int(1, 15), ctx.todayDay);
  return {
    id: demoUuid(ctx, index, "judicial", k),
    idNumber,
    kind,
    caseNumber,
    court,
    divisionCode: division.code,
    decidedOn,
    summary,
    receivedAt: new Date(receivedDay * DAY_MS + 2 * 3600_000),
  };
}
