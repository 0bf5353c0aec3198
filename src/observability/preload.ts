// First import of the command line (src/cli/hub.ts), before anything loads `http` or `pg`: the
// configured log level, and tracing for the commands that serve (`start`, `serve <name>`) when
// an OTLP endpoint is configured. A configuration error is left for the command line to report.
import { ConfigError, loadConfig } from "../config";
import { initLogging } from "./logger";
import { initTracing } from "./tracing";

try {
  const config = loadConfig();
  initLogging(config);
  const [command, name] = process.argv.slice(2);
  if (command === "start" || command === "serve") {
    // Separate processes (`serve archive`, …) name themselves unless OTEL_SERVICE_NAME does.
    const serviceName = command === "serve" && name && config.serviceName === "hubei-credit-hub" ? `hubei-credit-hub-${name}` : config.serviceName;
    initTracing({ ...config, serviceName });
  }
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
}
