// Which Chromium the browser tests drive: CHROMIUM_PATH if set; else a Chromium or Chrome installed
// on the machine; else the headless Chromium packed inside the `@sparticuz/chromium` npm package
// (Linux only), unpacked to a temporary directory. Nothing is downloaded.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

export type ChromiumChoice = { executablePath: string; args: string[]; origin: string };

// This machine's network is closed: without these flags Chromium keeps trying to reach Google's services.
const QUIET_FLAGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];
const SYSTEM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", ...QUIET_FLAGS];

const SYSTEM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];
const SYSTEM_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function systemChromium(): string | undefined {
  const fromPath = (process.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => SYSTEM_NAMES.map((name) => join(dir, name)));
  return [...fromPath, ...SYSTEM_PATHS].find(isExecutableFile);
}

export async function chooseChromium(): Promise<ChromiumChoice> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!isExecutableFile(configured)) throw new Error(`CHROMIUM_PATH=${configured} is not an executable file.`);
    return { executablePath: configured, args: SYSTEM_FLAGS, origin: `CHROMIUM_PATH (${configured})` };
  }
  const installed = systemChromium();
  if (installed) return { executablePath: installed, args: SYSTEM_FLAGS, origin: `installed (${installed})` };
  if (process.platform !== "linux") {
    throw new Error(
      "No Chromium or Chrome found. Install Google Chrome or Chromium, or set CHROMIUM_PATH to its executable " +
        "(the bundled @sparticuz/chromium runs on Linux only).",
    );
  }
  let bundled: typeof import("@sparticuz/chromium").default;
  try {
    bundled = (await import("@sparticuz/chromium")).default;
  } catch (error) {
    throw new Error(
      `No Chromium found on this machine and @sparticuz/chromium is not installed (${(error as Error).message}). ` +
        "Run `npm install`, install Chromium, or set CHROMIUM_PATH.",
    );
  }
  const executablePath = await bundled.executablePath();
  // Not the package's own flag list: it is made for AWS Lambda (--single-process, which ends the
  // browser when a test closes its last context, and --disable-web-security, which would hide
  // the very CORS and CSP behaviour tests check). Its headless shell needs no zygote as root.
  return {
    executablePath,
    args: ["--no-sandbox", "--no-zygote", "--disable-gpu", ...QUIET_FLAGS],
    origin: `@sparticuz/chromium (${executablePath})`,
  };
}
