// The tests' identity provider: the same one the production smoke test runs (scripts/test-idp.ts).
export { startTestIdp, type TestIdp } from "../../scripts/test-idp";
