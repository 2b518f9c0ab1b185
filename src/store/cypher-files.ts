/**
 * Loads the Cypher statements of the repository's cypher/ folder, once, by name.
 *
 * Every query the store runs lives in cypher/<name>.cypher; no Cypher is written inline
 * in TypeScript. The folder is found by walking up from this module's own file to the
 * first directory holding a package.json, so the same code works from src/store (tsx)
 * and from dist/src/store (after `npm run build`).
 *
 * File format: a file holds one statement, or several separated by a semicolon that
 * ends a line (`;` followed only by spaces up to the newline). A trailing semicolon on
 * the last statement is optional. `//` comments stay in the statement text (Cypher
 * accepts them); a piece that holds only comments and blank lines is dropped. So: do not
 * end a comment line, or a line inside a string literal, with a semicolon.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directory holding the repository's cypher/ files, found from `fromUrl` upwards. */
export function findCypherDir(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const cypherDir = join(dir, 'cypher');
      if (!existsSync(cypherDir)) {
        throw new Error(`store/cypher-files: no cypher/ folder next to ${join(dir, 'package.json')}`);
      }
      return cypherDir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`store/cypher-files: no package.json above ${fileURLToPath(fromUrl)}`);
    }
    dir = parent;
  }
}

/** Splits a file's text into statements (see the module comment for the format). */
export function splitStatements(text: string): string[] {
  return text
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((piece) => piece.trim())
    .filter((piece) => piece.split(/\r?\n/).some((line) => !isBlankOrComment(line)));
}

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('//');
}

export class CypherFiles {
  readonly dir: string;
  private readonly files: Map<string, string[]>;

  constructor(dir: string = findCypherDir()) {
    this.dir = dir;
    this.files = new Map();
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.cypher')) continue;
      const statements = splitStatements(readFileSync(join(dir, file), 'utf8'));
      if (statements.length === 0) throw new Error(`store/cypher-files: ${file} holds no statement`);
      this.files.set(basename(file, '.cypher'), statements);
    }
  }

  /** The single statement of cypher/<name>.cypher; throws when missing or when it holds several. */
  get(name: string): string {
    const statements = this.statements(name);
    if (statements.length !== 1) {
      throw new Error(`store/cypher-files: ${name}.cypher holds ${statements.length} statements, expected one`);
    }
    return statements[0]!;
  }

  /** Every statement of cypher/<name>.cypher, in file order; throws when the file is missing. */
  statements(name: string): string[] {
    const statements = this.files.get(name);
    if (!statements) throw new Error(`store/cypher-files: no ${name}.cypher in ${this.dir}`);
    return statements;
  }

  /** Names of the loaded files (without .cypher), sorted. */
  names(): string[] {
    return [...this.files.keys()];
  }
}
