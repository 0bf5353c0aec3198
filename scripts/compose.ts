import { writeSchemaFiles } from "../src/gateway/compose";

writeSchemaFiles()
  .then((files) => console.log("wrote\n" + files.join("\n")))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
