/**
 * The oldest Node the CLI runs on (package.json `engines`, checked by a unit test). Plain syntax only:
 * main.ts imports this before anything else, on whatever Node the user has.
 */
export const MINIMUM_NODE = '22.19.0';

export function isSupportedNode(version: string): boolean {
  const have = version.split('.').map(Number);
  const need = MINIMUM_NODE.split('.').map(Number);
  for (let i = 0; i < need.length; i++) {
    if ((have[i] || 0) !== need[i]) return (have[i] || 0) > (need[i] || 0);
  }
  return true;
}
