// Placeholder until the resource model lands.
export async function run(_argv: string[]): Promise<number> {
  console.error('perses-cm lint: not implemented yet');
  return 2;
}
