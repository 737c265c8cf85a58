/** The human-readable rendering of a call test ("assert f(1, 2) == 3"), stored in TestCase.display. */

/** Render `entryPoint(*args) == expected` as one assert line; `args` is a Python list expression. */
export function renderCallAssert(entryPoint: string, args: string, expected: string, atol?: number): string {
  const inner = args.trim().replace(/^\[/, '').replace(/\]$/, '');
  const call = `${entryPoint}(${inner})`;
  if (atol !== undefined) return `assert ${call} == ${expected}  # floats compared with atol=${atol}`;
  return `assert ${call} == ${expected}`;
}
