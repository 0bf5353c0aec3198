// The sample files of `hub import` (examples/, issue 14): one per kind, synthetic people only.
// Tenancy applicants are members of the default demo archive (`npm start`: HUB_SEED 20261126),
// taken from the same deterministic generator the seeding uses. Its birth dates count back from a
// fixed day (BIRTH_ANCHOR in demo-data.ts), so the applicants are archived whichever day the demo
// archive was first started; the ledger months, checks and warnings lie before `--today`:
//   npm run examples:intake [-- --today 2026-12-02] [--seed 20261126] [--out examples]
// (default today, Beijing time). The other people (parties of
// judicial records who are not archived) get valid GB 11643 numbers of their own.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { generateFamilies, type FamilyBundle } from "../src/seed/demo-data";
import { makeIdNumber } from "../src/domain/id-number";
import { shanghaiDate } from "../src/domain/credit/dates";
import { csvLine } from "../src/jobs/intake/csv";
import { encodeGb18030 } from "./gb18030-encode";

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const TODAY = opt("today", shanghaiDate(new Date()));
const SEED = Number(opt("seed", "20261126"));
const OUT = path.resolve(opt("out", path.join(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../examples" : "../examples")));
if (!/^\d{4}-\d{2}-\d{2}$/.test(TODAY)) throw new Error("--today YYYY-MM-DD");

const DAY = 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** YYYY-MM of the month `n` months before today's. */
const monthBefore = (n: number) => {
  const d = new Date(Date.UTC(Number(TODAY.slice(0, 4)), Number(TODAY.slice(5, 7)) - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};

function csv(rows: (string | number)[][], bom = false): string {
  return (bom ? "\uFEFF" : "") + rows.map((r) => csvLine(r)).join("");
}

function write(name: string, content: string | Buffer): void {
  fs.writeFileSync(path.join(OUT, name), content);
  console.log(`  examples/${name}`);
}

/**
 * Wuhan demo families with a tenancy (the city authority HA-420100 loads them). The third is one
 * whose demo occupancy checks found nobody missing in the last nine months, so that the sample's
 * seven empty visits make a vacancy run (a demo visit finding the unit occupied would end it).
 */
function wuhanFamilies(count: number): FamilyBundle[] {
  const since = `${monthBefore(9)}-01`;
  const quiet = (f: FamilyBundle) => !f.occupancyChecks.some((c) => c.occupied && c.checkedOn >= since);
  const all: FamilyBundle[] = [];
  for (const f of generateFamilies({ count: 400, seed: SEED, today: TODAY })) {
    if (f.family.divisionCode.startsWith("4201") && f.tenancy && f.members[0]) all.push(f);
  }
  const vacant = all.slice(2).find(quiet);
  if (!vacant) throw new Error("no demo family for the vacancy sample");
  const rest = all.filter((f) => f !== vacant);
  return [rest[0], rest[1], vacant, ...rest.slice(2, count - 1)];
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  console.log(`示例文件（演示数据种子 ${SEED}，日期 ${TODAY}）：`);
  const families = wuhanFamilies(6);
  const contract = (i: number) => `WH-GZF-2026-${String(i + 1).padStart(4, "0")}`;

  // Tenancies (UTF-8 without BOM, LF): what a municipal housing system exports.
  write(
    "tenancies.csv",
    csv([
      ["租赁合同编号", "承租人身份证号码", "承租人姓名", "行政区划代码", "房屋地址", "租赁起始日期", "租赁终止日期", "月租金"],
      ...families.map((f, i) => [contract(i), f.members[0].idNumber, f.members[0].name, f.family.divisionCode, f.tenancy!.unitAddress, f.tenancy!.leaseStart, f.tenancy!.leaseEnd, f.tenancy!.monthlyRent.toFixed(2)]),
    ]).replace(/\r\n/g, "\n"),
  );

  // Rent ledger: the last six months (UTF-8 with BOM, CRLF: Excel's "CSV UTF-8"); the first
  // tenancy unpaid for all six (R4.1 (6): a candidate for the next scan), the second paid late once.
  const ledger = (months: number[]) =>
    families.flatMap((f, i) =>
      months.map((n) => {
        const month = monthBefore(n);
        const rent = f.tenancy!.monthlyRent.toFixed(2);
        const unpaid = i === 0 && n <= 6;
        const paidOn = unpaid ? "" : i === 1 && n === 3 ? `${monthBefore(n - 1)}-12` : `${month}-${String(3 + i).padStart(2, "0")}`;
        return [contract(i), month, rent, unpaid ? "0.00" : rent, paidOn, ""];
      }),
    );
  const LEDGER_HEADER = ["租赁合同编号", "租金月份", "应缴金额", "实缴金额", "缴纳日期", "来源编号"];
  write("rent-ledger.csv", csv([LEDGER_HEADER, ...ledger([6, 5, 4, 3, 2, 1])], true));
  // The six months before those, as a system on a Chinese Windows writes CSV: GB18030.
  write("rent-ledger-gb18030.csv", encodeGb18030(csv([LEDGER_HEADER, ...ledger([12, 11, 10, 9, 8, 7])])));

  // Occupancy checks (XLSX): monthly visits; the third tenancy found empty seven times running
  // after an occupied visit (R4.1 (7): vacancy of more than six months).
  const wb = new ExcelJS.Workbook();
  wb.creator = "湖北省公租房信用信息共享枢纽（示例）";
  wb.created = new Date(Date.parse(`${TODAY}T00:00:00Z`));
  wb.modified = wb.created;
  const ws = wb.addWorksheet("入户核查");
  ws.columns = [
    { header: "来源编号", key: "sourceId", width: 16 },
    { header: "租赁合同编号", key: "tenancySourceId", width: 20 },
    { header: "核查日期", key: "checkedOn", width: 12, style: { numFmt: "yyyy-mm-dd" } },
    { header: "是否实际居住", key: "occupied", width: 12 },
    { header: "核查人", key: "inspector", width: 10 },
    { header: "备注", key: "note", width: 30 },
  ];
  let check = 0;
  for (let n = 8; n >= 1; n--) {
    const day = `${monthBefore(n)}-10`;
    ws.addRow({ sourceId: `RH-${String(++check).padStart(4, "0")}`, tenancySourceId: contract(2), checkedOn: new Date(Date.parse(`${day}T00:00:00Z`)), occupied: n === 8 ? "是" : "否", inspector: "周敏", note: n === 8 ? null : "多次上门无人应答，水电读数无变化" });
  }
  for (const i of [0, 1, 3, 4, 5]) {
    ws.addRow({ sourceId: `RH-${String(++check).padStart(4, "0")}`, tenancySourceId: contract(i), checkedOn: new Date(Date.parse(`${monthBefore(2)}-${String(12 + i).padStart(2, "0")}T00:00:00Z`)), occupied: "是", inspector: "周敏", note: null });
  }
  ws.getRow(1).font = { bold: true };
  write("occupancy-checks.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));

  // Housing warnings (JSON Lines, English or Chinese keys).
  write(
    "housing-warnings.jsonl",
    [
      { sourceId: "TX-0001", tenancySourceId: contract(0), issuedOn: `${monthBefore(3)}-15`, kind: "RENT_ARREARS", reason: "已连续三个月未缴租金，书面催缴", issuedBy: "武汉市公租房运营管理有限公司" },
      { 来源编号: "TX-0002", 租赁合同编号: contract(0), 发出日期: `${monthBefore(1)}-15`, 警告类别: "欠租", 警告事由: "已连续六个月未缴租金，限期十日内缴清", 发出单位: "武汉市公租房运营管理有限公司" },
      { 来源编号: "TX-0003", 租赁合同编号: contract(2), 发出日期: `${monthBefore(2)}-20`, 警告类别: "空置", 警告事由: "连续多次入户核查无人居住，请说明情况" },
    ]
      .map((o) => JSON.stringify(o))
      .join("\n") + "\n",
  );

  // Judicial and administrative records (a registered department's own): the parties are one
  // archived applicant (the record is offered to the family's authority as evidence) and
  // synthetic people not in the archive (accepted, not disclosed until they join a family).
  const outsider = (k: number) => makeIdNumber("420102", `19${70 + k}-0${1 + (k % 9)}-1${k % 10}`, 100 + k * 2);
  const applicant = families[0].members[0];
  const other = families[1].members[0];
  const decided = (n: number) => addDays(TODAY, -n);
  write(
    "judgments.csv",
    csv([
      ["来源编号", "身份证号码", "当事人姓名", "案号", "法院", "判决日期", "内容摘要"],
      ["ZY-MS-0001", applicant.idNumber, applicant.name, `（${TODAY.slice(0, 4)}）鄂01民终1021号`, "武汉市中级人民法院", decided(40), "判决承租人支付所欠公租房租金及违约金，并于判决生效后三十日内腾退房屋"],
      ["ZY-MS-0002", outsider(1), "赵明", `（${TODAY.slice(0, 4)}）鄂01民终1088号`, "武汉市中级人民法院", decided(25), "驳回上诉，维持原判：解除公共租赁住房租赁合同"],
    ]),
  );
  write(
    "criminal-penalties.csv",
    csv([
      ["来源编号", "身份证号码", "当事人姓名", "案号", "作出机关", "判决日期", "内容摘要"],
      ["ZY-XS-0001", outsider(2), "钱伟", `（${TODAY.slice(0, 4)}）鄂01刑初77号`, "武汉市中级人民法院", decided(60), "以伪造国家机关证明骗取公共租赁住房资格，判处有期徒刑一年，缓刑一年"],
    ]),
  );
  write(
    "administrative-penalties.jsonl",
    [
      { sourceId: "SJ-CF-0001", idNumber: other.idNumber, partyName: other.name, caseNumber: `鄂市监处罚〔${TODAY.slice(0, 4)}〕12号`, authority: "湖北省市场监督管理局", decidedOn: decided(30), summary: "利用承租的公共租赁住房从事经营活动，责令改正，罚款二千元" },
      { 来源编号: "SJ-CF-0002", 身份证号码: outsider(3), 当事人姓名: "孙丽", 决定书文号: `鄂市监处罚〔${TODAY.slice(0, 4)}〕15号`, 决定机关: "湖北省市场监督管理局", 处罚日期: decided(20), 内容摘要: "无照经营，没收违法所得并处罚款五千元" },
    ]
      .map((o) => JSON.stringify(o))
      .join("\n") + "\n",
  );
  write(
    "enforcement.csv",
    csv([
      ["来源编号", "身份证号码", "当事人姓名", "案号", "执行法院", "立案日期", "内容摘要"],
      ["ZY-ZX-0001", applicant.idNumber, applicant.name, `（${TODAY.slice(0, 4)}）鄂01执305号`, "武汉市中级人民法院", decided(10), "申请执行人武汉市公租房运营管理有限公司，执行标的：拖欠租金及腾退房屋"],
    ]),
  );
  write(
    "administrative-confirmations.csv",
    csv([
      ["来源编号", "身份证号码", "当事人姓名", "决定书文号", "决定机关", "确认日期", "内容摘要"],
      ["SJ-QR-0001", outsider(4), "李强", `鄂市监确〔${TODAY.slice(0, 4)}〕3号`, "湖北省市场监督管理局", decided(15), "确认当事人名下登记有个体工商户一户（经营场所为自有商铺）"],
    ]),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
