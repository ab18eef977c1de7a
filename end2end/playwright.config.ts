import { defineConfig } from "@playwright/test";

// The longest journeys (over 30 s each on these machines) are handed to the workers first:
// workers take tests in the order of the projects, and a long test taken last ran alone while the
// other workers had nothing left to do (the round's journey, 84 s, started 4.5 min into a 5.9 min
// run).
const longest = ["rounds.spec.ts", "phone.spec.ts", "dossiers.spec.ts"];

// Debian's Chromium, never a downloaded browser. The flags keep it from reaching for the network,
// which is closed on these machines.
export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 3,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  projects: [
    { name: "longest", testMatch: longest },
    { name: "rest", testIgnore: longest },
  ],
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
    // An English browser: the site must still start in Vietnamese (only the switch changes it).
    locale: "en-US",
    // No trace unless asked (`E2E_TRACE=retain-on-failure`): recording one for every test cost
    // about a third of the browser tests' CPU time (phone.spec.ts: 93 s -> 64 s), and CI keeps
    // only what the run prints. Rerun a failing test with it to get its trace.
    trace: (process.env.E2E_TRACE as "retain-on-failure" | "on" | undefined) ?? "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
