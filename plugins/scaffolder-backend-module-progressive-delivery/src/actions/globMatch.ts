/**
 * Whether a file path matches a catalog `file` location target: the exact path, or a glob with
 * `*`, `**` and `?` (what catalog locations use in practice). Other glob syntax is taken
 * literally, so an unusual pattern is reported as not matching rather than guessed at.
 */
export function globMatches(pattern: string, file: string): boolean {
  if (pattern === file) return true;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else {
      source += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`).test(file);
}
