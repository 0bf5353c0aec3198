// The supergraph is standard Federation 2: the committed file equals a fresh composition,
// Apollo's composer accepts the same subgraphs, and the contract operations validate.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildASTSchema, parse, print, validate, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { composeServices as apolloCompose } from "@apollo/composition";
import { composeFromCode, composeSupergraph, schemaDir } from "../src/gateway/compose";
import { readRequirements, untaggedFamilyFields } from "../src/gateway/field-authorization";
import { DATA_CATEGORIES } from "../src/domain/permissions";
import { SUBGRAPHS } from "../src/config";
import codegenConfig from "../codegen";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { applyDisclosurePolicy, policyProblems } from "../src/subgraphs/disclosure-mechanism";
import { DISCLOSURE_POLICY } from "../src/domain/disclosure-policy";

const root = path.resolve(__dirname, "..");
const read = (p: string) => fs.readFileSync(path.join(root, p), "utf8");
const sharedContract = path.resolve(root, "../shared/contract/operations.graphql");

function operation(doc: DocumentNode, name: string): DocumentNode {
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && d.name?.value === name);
  if (!op) throw new Error(`no operation ${name}`);
  return { kind: doc.kind, definitions: [op] } as DocumentNode;
}

describe("supergraph composition", () => {
  it("the committed supergraph, API schema and subgraph SDL equal a fresh composition", async () => {
    const fresh = await composeFromCode();
    expect(read("schema/supergraph.graphql")).toBe(fresh.supergraph);
    expect(read("schema/api-schema.graphql")).toBe(fresh.apiSchema);
    for (const n of SUBGRAPHS) expect(read(`schema/${n}.graphql`)).toBe(fresh.subgraphs[n].sdl);
    expect(schemaDir()).toBe(path.join(root, "schema"));
  });

  it("@apollo/composition composes the same subgraphs without errors", async () => {
    const fresh = await composeFromCode();
    const result = apolloCompose(SUBGRAPHS.map((n) => ({ name: n, typeDefs: parse(fresh.subgraphs[n].sdl), url: `http://${n}.invalid/graphql` })));
    expect(result.errors ?? []).toEqual([]);
    const apolloApi = result.schema!.toAPISchema().toGraphQLJSSchema();
    const guildApi = buildASTSchema(parse(fresh.apiSchema));
    // Both composers expose the same root fields.
    expect(Object.keys(apolloApi.getQueryType()!.getFields()).sort()).toEqual(Object.keys(guildApi.getQueryType()!.getFields()).sort());
    expect(Object.keys(apolloApi.getMutationType()!.getFields()).sort()).toEqual(Object.keys(guildApi.getMutationType()!.getFields()).sort());
    expect(Object.keys(apolloApi.getTypeMap()).filter((t) => !t.startsWith("__")).sort()).toEqual(Object.keys(guildApi.getTypeMap()).filter((t) => !t.startsWith("__")).sort());
  });

  it("keeps a copy of the consumer contract identical to shared/contract", () => {
    if (fs.existsSync(sharedContract)) expect(read("schema/contract/operations.graphql")).toBe(fs.readFileSync(sharedContract, "utf8"));
    else expect(read("schema/contract/operations.graphql")).toContain("query FamilyArchive");
  });

  it.each(["FamilyArchive", "CreditCheck", "CreditList", "ListChanges", "RegisterOrganization", "GrantSharingPermission", "RevokeSharingPermission", "AccessHistory"])("the contract operation %s validates unchanged", (name) => {
    const api = buildASTSchema(parse(read("schema/api-schema.graphql")));
    const contract = parse(read("schema/contract/operations.graphql"));
    expect(validate(api, operation(contract, name)).map((e) => e.message)).toEqual([]);
  });

  it("the hub's own operations in schema/operations validate against the API schema", () => {
    const api = buildASTSchema(parse(read("schema/api-schema.graphql")));
    for (const f of fs.readdirSync(path.join(root, "schema/operations"))) {
      const doc = parse(read(`schema/operations/${f}`));
      expect(validate(api, doc).map((e) => `${f}: ${e.message}`)).toEqual([]);
      expect(print(doc).length).toBeGreaterThan(0);
    }
  });

  it("the generated typed documents are up to date with schema/operations (npm run codegen)", async () => {
    const { generate } = await import("@graphql-codegen/cli");
    const outputs = await generate({ ...codegenConfig, cwd: root, silent: true }, false);
    const generated = outputs.find((o: { filename: string }) => o.filename.endsWith("src/generated/operations.ts"));
    expect(generated).toBeDefined();
    expect(read("src/generated/operations.ts")).toBe(generated!.content);
  });

  describe("data categories on every family field (R8.2, fail closed)", () => {
    it("every field reachable from Family in the committed supergraph is covered by a category", () => {
      const supergraph = read("schema/supergraph.graphql");
      expect(untaggedFamilyFields(supergraph)).toEqual([]);
      const requirements = readRequirements(supergraph);
      // every category is used, and the contract's FamilyArchive fields carry the expected ones
      const used = new Set([...requirements.values()].flatMap((r) => r.scopes.flat()));
      expect([...used].sort()).toEqual([...DATA_CATEGORIES].sort());
      const expected: Record<string, string[][]> = {
        "Family.applicant": [["IDENTITY"]],
        "Family.members": [["HOUSEHOLD"]],
        "Person.idNumber": [["IDENTITY"]],
        "Family.household": [["HOUSEHOLD"]],
        "Family.economic": [["ECONOMIC"]],
        "Family.guarantee": [["GUARANTEE"]],
        "Family.credit": [["CREDIT"]],
        "Family.lists": [["LISTS"]],
        "Family.tenancy": [["TENANCY"]],
        "Family.judicial": [["JUDICIAL"]],
        "Family.documents": [["EVIDENCE"]],
      };
      for (const [field, scopes] of Object.entries(expected)) expect(requirements.get(field)?.scopes, field).toEqual(scopes);
      for (const locator of ["Family.id", "Family.divisionCode", "Family.division"]) expect(requirements.get(locator)?.locator, locator).toBe(true);
    });

    it("refuses to compose a subgraph that adds a family field without a category", async () => {
      const { subgraphs } = await composeFromCode();
      const housing = subgraphs.housing.sdl.replace("type Family @key(fields: \"id\") {", "type Family @key(fields: \"id\") {\n  rentBankAccount: String");
      expect(housing).toContain("rentBankAccount");
      expect(() =>
        composeSupergraph(SUBGRAPHS.map((n) => ({ name: n, sdl: n === "housing" ? housing : subgraphs[n].sdl, url: `http://${n}.invalid/graphql` }))),
      ).toThrow(/Family\.rentBankAccount/);
      // a nested type reached through a tagged field is covered by it; an untagged path is not
      const household = read("schema/supergraph.graphql").replace(/(\n  household: Household[^\n]*)@requiresScopes\(scopes: \[\["HOUSEHOLD"\]\]\)/, "$1");
      expect(untaggedFamilyFields(household)).toEqual(["Family.household (via Family)", "Household.hukouDivisionCode (via Family.household)", "Household.hukouDivisionName (via Family.household)", "Household.hukouOutOfProvince (via Family.household)", "Household.maritalStatus (via Family.household)", "Household.size (via Family.household)"]);
    });
  });

  describe("the disclosure policy describes exactly the graph's family data (R8.2, fail closed)", () => {
    const supergraph = () => read("schema/supergraph.graphql");

    it("has an entry for every type and field that carries family data, mirroring the SDL's categories", () => {
      expect(policyProblems(supergraph(), { wholeGraph: true })).toEqual([]);
      for (const n of SUBGRAPHS) expect(policyProblems(read(`schema/${n}.graphql`), { wholeGraph: false }), n).toEqual([]);
      // every field of every data type has a decided masked form
      for (const [type, p] of Object.entries(DISCLOSURE_POLICY)) for (const [field, f] of Object.entries(p.fields)) expect(f.masked, `${type}.${field}`).toBeTruthy();
    });

    it("fails the build for a new family type, a new field, or a category that does not mirror the SDL", async () => {
      const { subgraphs } = await composeFromCode();
      // a new type reached from Family, tagged but absent from the table
      const withType = subgraphs.housing.sdl
        .replace('type Family @key(fields: "id") {', 'type Family @key(fields: "id") {\n  bankAccount: BankAccount @requiresScopes(scopes: [["TENANCY"]])')
        .concat('\ntype BankAccount {\n  number: String!\n}\n');
      expect(policyProblems(withType, { wholeGraph: false })).toEqual(expect.arrayContaining(["BankAccount (via Family.bankAccount) has no entry", "Family.bankAccount has no entry"]));
      // a new field of a known type
      const withField = subgraphs.housing.sdl.replace("  unitAddress: String!", "  unitAddress: String!\n  landlordPhone: String!");
      expect(policyProblems(withField, { wholeGraph: false })).toEqual(["Tenancy.landlordPhone has no entry"]);
      // a category that differs from the table's
      const retagged = subgraphs.archive.sdl.replace(/(\n  applicant: Person[^\n]*)@requiresScopes\(scopes: \[\["IDENTITY"\]\]\)/, '$1@requiresScopes(scopes: [["HOUSEHOLD"]])');
      expect(retagged).not.toBe(subgraphs.archive.sdl);
      expect(policyProblems(retagged, { wholeGraph: false })).toEqual(["Family.applicant: the table says IDENTITY, the SDL HOUSEHOLD"]);
      // and a table entry for a field the graph no longer has
      const withoutField = supergraph().replace(/\n  """\n  优先保障理由\n  """\n  priorityReason: String[^\n]*/, "");
      expect(withoutField).not.toBe(supergraph());
      expect(policyProblems(withoutField, { wholeGraph: true })).toEqual(["Guarantee.priorityReason: the table names a field the graph does not have"]);
      // the subgraph refuses to start with such an SDL (the same check runs when it is built)
      expect(() => applyDisclosurePolicy(buildSubgraphSchema({ typeDefs: parse(withField) }), withField)).toThrow(/Tenancy\.landlordPhone has no entry/);
    });
  });
});
