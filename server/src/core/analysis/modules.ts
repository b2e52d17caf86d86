/**
 * Module names for files, the way Python finds them: walk up from a file while
 * the folder is a package (has `__init__.py`); the dotted path from the first
 * folder that is not a package is the module name; folders without `__init__.py`
 * below a package are namespace portions of it (PEP 420). Works for `src/`
 * layouts and for Debian's dist-packages without knowing either.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface ModuleName {
  module: string;
  isPackage: boolean;
}

export class ModuleNamer {
  private readonly isPackageDir = new Map<string, boolean>();

  constructor(private readonly knownFiles: ReadonlySet<string> = new Set()) {}

  private packageDir(dir: string): boolean {
    let known = this.isPackageDir.get(dir);
    if (known === undefined) {
      const init = join(dir, '__init__.py');
      known = this.knownFiles.has(init) || existsSync(init);
      this.isPackageDir.set(dir, known);
    }
    return known;
  }

  nameOf(path: string): ModuleName {
    const file = basename(path);
    const stem = file.endsWith('.py') ? file.slice(0, -3) : file;
    const isPackage = stem === '__init__';
    const parts: string[] = isPackage ? [] : [stem];
    let dir = dirname(path);
    // Folders without `__init__.py` below a package are namespace portions of it (PEP 420:
    // `heat/tests/convergence/scenarios/x.py` is `heat.tests.convergence.scenarios.x`); with no
    // package above them, the name starts at the file's folder (a project's root, a `scripts` folder).
    const plain: string[] = [];
    for (let up = dir; plain.length < 8 && !this.packageDir(up); ) {
      const parent = dirname(up);
      if (parent === up) break;
      plain.push(basename(up));
      up = parent;
      if (this.packageDir(up)) {
        parts.unshift(...plain.reverse());
        dir = up;
        break;
      }
    }
    for (let depth = 0; depth < 64 && this.packageDir(dir); depth++) {
      parts.unshift(basename(dir));
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    if (parts.length === 0) parts.push(basename(dirname(path)));
    return { module: parts.join('.'), isPackage };
  }
}
