// The open data API against its own OpenAPI document (issue 26): Schemathesis, from the package
// registries (pinned in the Makefile), reads /open/v1/openapi.json from the debug server on
// fresh demo data, generates requests from it (valid and invalid parameters) and checks that
// no answer is a server error and that every answer — status, content type, headers, body —
// is one the document describes. Exits non-zero on any failure, printing what failed.
//
// Environment: SERVER_BIN (default target/debug/server), SCHEMATHESIS (the venv's command).
import { spawnSync } from "node:child_process";
import { serveDemo } from "./demo-server.mjs";

const server = process.env.SERVER_BIN ?? "target/debug/server";
const schemathesis = process.env.SCHEMATHESIS ?? "target/schemathesis/bin/schemathesis";
const port = 3917;
const stop = await serveDemo(server, "target/site", port);
try {
  const run = spawnSync(
    schemathesis,
    [
      "run",
      `http://127.0.0.1:${port}/open/v1/openapi.json`,
      "--checks",
      [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
      ].join(","),
      "--max-examples",
      process.env.API_EXAMPLES ?? "60",
      "--seed",
      "26",
      "--workers",
      "2",
      "--generation-database",
      "none",
      "--report-dir",
      "target/schemathesis-report",
    ],
    { stdio: "inherit", env: { ...process.env, SCHEMATHESIS_TELEMETRY: "false", NO_COLOR: "1" } },
  );
  process.exitCode = run.status ?? 1;
} finally {
  stop();
}
