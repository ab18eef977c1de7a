// The open data API against its own OpenAPI document (issue 26): Schemathesis, from the package
// registries (pinned in the Makefile), reads /open/v1/openapi.json from the debug server on
// fresh demo data, generates requests from it (valid and invalid parameters) and checks that
// no answer is a server error (with an administrator's token, so the private reads count too) and that every answer — status, content type, headers, body —
// is one the document describes. Exits non-zero on any failure, printing what failed.
//
// Environment: SERVER_BIN (default target/debug/server), SCHEMATHESIS (the venv's command).
import { spawnSync } from "node:child_process";
import { serveDemo } from "./demo-server.mjs";
import { Client } from "./drill-lib.mjs";

const server = process.env.SERVER_BIN ?? "target/debug/server";
const schemathesis = process.env.SCHEMATHESIS ?? "target/schemathesis/bin/schemathesis";
const port = 3917;
// Schemathesis makes over a thousand requests in seconds with one token: the per-token rate
// (tested on its own) would answer most of them 429.
process.env.API_REQUESTS_PER_MINUTE = "1000000";
const stop = await serveDemo(server, "target/site", port);
try {
  // A token with both scopes, made as an administrator does (the private reads are then
  // tested past the gate, not only refused).
  const admin = await Client.signIn(`http://127.0.0.1:${port}`, "quantri@demo.vn");
  const expires = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
  const { secret } = await admin.call("create_api_token", {
    note: "Schemathesis",
    expires_on: expires,
    public_read: "on",
    private_read: "on",
  });
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
      "--header",
      `Authorization: Bearer ${secret}`,
      "--report-dir",
      "target/schemathesis-report",
    ],
    { stdio: "inherit", env: { ...process.env, SCHEMATHESIS_TELEMETRY: "false", NO_COLOR: "1" } },
  );
  process.exitCode = run.status ?? 1;
} finally {
  stop();
}
