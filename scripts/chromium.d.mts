// Types of scripts/chromium.mjs for the TypeScript tests and benchmarks.
export const CHROMIUM_PATH: string;
export const CHROMIUM_ARGS: string[];
export function ensureChromium(log?: (line: string) => void): string;
export function chromiumVersion(path?: string): string;
