import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput } from "./support/fixtures";

describe("smoke", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub("pglite");
  });
  afterAll(async () => t?.close());

  it("creates and reads a family through the gateway", async () => {
    const tok = t.token("HA-420100", ["OPERATOR"]);
    const created = await t.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: familyInput("420111"), reason: "新申请建档" }, tok);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createFamily.id;
    const read = await t.gql(`query($id: ID!) { family(id: $id) { id division { code name } applicant { name } tenancy { unitAddress } judicial { caseNumber } } }`, { id }, tok);
    console.log(JSON.stringify(read));
    expect(read.errors).toBeUndefined();
  });
});
