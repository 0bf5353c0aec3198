// Synthetic Chinese personal names for demo data, drawn from a small seeded PRNG.
// Every name produced here is made up; no real person is described.

/** A small deterministic PRNG (mulberry32) with a few helpers. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform float in [min, max). */
  float(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element, chosen with the given non-negative weights (same length as items). */
  pickWeighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** A mulberry32 generator seeded with a 32-bit integer. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    pick: (items) => items[Math.floor(next() * items.length)],
    pickWeighted: (items, weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let x = next() * total;
      for (let i = 0; i < items.length; i++) {
        x -= weights[i];
        if (x < 0) return items[i];
      }
      return items[items.length - 1];
    },
    chance: (p) => next() < p,
  };
}

/** A 32-bit integer finaliser (MurmurHash3 fmix32): good avalanche, cheap. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Common surnames with rough relative frequencies (per ten thousand people), the
// national top 100 plus a few that are frequent in Hubei (熊, 万, 向, 覃) and some rare
// compound surnames.
const SURNAME_TABLE: ReadonlyArray<readonly [string, number]> = [
  ["王", 710], ["李", 700], ["张", 680], ["刘", 540], ["陈", 460], ["杨", 310], ["黄", 250], ["赵", 230],
  ["吴", 200], ["周", 190], ["徐", 150], ["孙", 150], ["马", 130], ["朱", 130], ["胡", 150], ["郭", 110],
  ["何", 110], ["高", 100], ["林", 100], ["罗", 90], ["郑", 80], ["梁", 80], ["谢", 70], ["宋", 70],
  ["唐", 70], ["许", 60], ["韩", 60], ["冯", 60], ["邓", 60], ["曹", 60], ["彭", 60], ["曾", 50],
  ["肖", 50], ["田", 50], ["董", 50], ["袁", 50], ["潘", 40], ["于", 40], ["蒋", 40], ["蔡", 40],
  ["余", 50], ["杜", 40], ["叶", 40], ["程", 40], ["苏", 30], ["魏", 30], ["吕", 30], ["丁", 30],
  ["任", 30], ["沈", 30], ["姚", 30], ["卢", 30], ["姜", 30], ["崔", 30], ["钟", 30], ["谭", 30],
  ["陆", 20], ["汪", 30], ["范", 20], ["金", 20], ["石", 20], ["廖", 20], ["贾", 20], ["夏", 25],
  ["韦", 20], ["付", 20], ["方", 20], ["白", 20], ["邹", 20], ["孟", 20], ["熊", 35], ["秦", 20],
  ["邱", 20], ["江", 20], ["尹", 20], ["薛", 20], ["闫", 20], ["段", 20], ["雷", 25], ["侯", 20],
  ["龙", 20], ["史", 20], ["陶", 15], ["黎", 15], ["贺", 15], ["顾", 15], ["毛", 15], ["郝", 15],
  ["龚", 15], ["邵", 15], ["万", 20], ["钱", 15], ["严", 15], ["覃", 15], ["武", 15], ["戴", 15],
  ["莫", 10], ["孔", 10], ["向", 20], ["汤", 10], ["柯", 10], ["童", 10], ["聂", 10], ["喻", 10],
  ["欧阳", 3], ["上官", 1], ["司马", 1], ["诸葛", 1],
];

const SURNAMES = SURNAME_TABLE.map(([s]) => s);
const SURNAME_CUMULATIVE: number[] = [];
{
  let total = 0;
  for (const [, w] of SURNAME_TABLE) SURNAME_CUMULATIVE.push((total += w));
}
const SURNAME_TOTAL = SURNAME_CUMULATIVE[SURNAME_CUMULATIVE.length - 1];

/** The surname list (for tests and masking checks). */
export function commonSurnames(): readonly string[] {
  return SURNAMES;
}

// Common given-name characters, leaning male, leaning female, and neutral.
const MALE_CHARS = Array.from(
  "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳威振宏峰毅晨博文武志建国庆兵东亮成松海江山鸿锋德彬昊轩睿哲荣胜",
);
const FEMALE_CHARS = Array.from(
  "芳娜敏静丽艳娟霞秀玲桂英兰萍红梅琳燕慧莉雪琴倩婷丹颖洁蓉璐雯佳欣怡露菲妍悦晶月莹萱瑶琪媛薇莎彤韵婉淑凤华玉珍娅琼",
);
const NEUTRAL_CHARS = Array.from("子一云春晓天思雨诗若安心新家乐然可宜嘉秋冬瑞泽清卓梓语书");

export type Sex = "M" | "F";

/** A surname drawn by rough frequency. */
export function randomSurname(rng: Rng): string {
  const x = rng.next() * SURNAME_TOTAL;
  let lo = 0;
  let hi = SURNAME_CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (SURNAME_CUMULATIVE[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return SURNAMES[lo];
}

/** A one- or two-character given name suited to the sex. */
export function randomGivenName(rng: Rng, sex: Sex): string {
  const own = sex === "M" ? MALE_CHARS : FEMALE_CHARS;
  const char = () => (rng.chance(0.8) ? rng.pick(own) : rng.pick(NEUTRAL_CHARS));
  if (rng.chance(0.25)) return rng.pick(own);
  const first = char();
  let second = char();
  if (second === first && rng.chance(0.7)) second = rng.pick(own);
  return first + second;
}

/** A full name; pass `surname` to keep a family's surname (e.g. for children). */
export function randomName(rng: Rng, sex: Sex, surname?: string): string {
  return (surname ?? randomSurname(rng)) + randomGivenName(rng, sex);
}
