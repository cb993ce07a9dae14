/** One thing wrong with an input file, located precisely enough to fix without searching. */
export interface Problem {
  /** JSON path of the offending value, e.g. `$.states.opening.responses[0].goto`; `$` for the whole file. */
  path: string;
  message: string;
  /**
   * A warning does not stop the file loading: the author should look, but a trainee can play it
   * (a draft's missing clip, wording the validator suspects). Absent: an error.
   */
  severity?: 'warning';
}

export const isWarning = (p: Problem): boolean => p.severity === 'warning';

/** `file: json-path: message` (`file: json-path: warning: message`), the line format authors and CI read. */
export function formatProblem(file: string, problem: Problem): string {
  return `${file}: ${problem.path}: ${isWarning(problem) ? 'warning: ' : ''}${problem.message}`;
}

/** Turn a path of keys and indexes into a JSON path. */
export function jsonPath(segments: readonly PropertyKey[]): string {
  let out = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}
