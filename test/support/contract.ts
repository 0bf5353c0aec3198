// The consumer contract's operations, exactly as consumers send them.
import fs from "node:fs";
import path from "node:path";
import { parse, print, type OperationDefinitionNode } from "graphql";

const file = path.resolve(__dirname, "../../schema/contract/operations.graphql");
const doc = parse(fs.readFileSync(file, "utf8"));

export function contractOperation(name: string): string {
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && d.name?.value === name);
  if (!op) throw new Error(`the contract has no operation ${name}`);
  return print(op);
}
