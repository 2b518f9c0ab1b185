export interface RunnerCounts {
  passed: number;
  failed: number;
  skipped: number;
}
export function schemathesisLine(line: string): string;
export function looksLikeRunnerSummary(line: string): boolean;
export function tapCounts(text: string): RunnerCounts | undefined;
export function schemathesisCounts(text: string): RunnerCounts | undefined;
