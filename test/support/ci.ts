// Whether this run is CI (.ci/run runs with CI=true): `CI` set to anything but "", "0" or
// "false". In CI a test that needs an outside program always runs (tools.ts), and a golden file
// is never written, only compared (golden.ts).
export const IN_CI = !["", "0", "false"].includes((process.env.CI ?? "").trim().toLowerCase());
