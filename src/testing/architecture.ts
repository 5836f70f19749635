import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The module contract (docs/architecture.md), read from the real imports with the TypeScript
 * compiler. `checkArchitecture` takes the source files (path relative to the project → text) and
 * returns every violation as "file:line: what is wrong". Used by src/architecture.test.ts on the
 * code base, and on planted violations to show it can fail.
 */

export interface ImportRef {
  from: string;
  /** The imported file without extension (relative specifiers), or the package name. */
  target: string;
  line: number;
  typeOnly: boolean;
  names: string[];
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f);
const moduleOf = (f: string) => /^src\/modules\/([^/]+)\//.exec(f)?.[1];
const isRoutes = (f: string) => /^src\/(modules|platform)\/.+\/(routes[^/]*|[^/]*-routes)\.tsx?$/.test(f) || /\/routes\/[^/]+\.tsx?$/.test(f);
const isView = (f: string) => /\/views(\/[^/]+)?\.tsx$/.test(f) || /\/views\/[^/]+\.tsx?$/.test(f);
const stripExt = (f: string) => f.replace(/\.(js|ts|tsx|mjs)$/, '');

/** Every import and re-export of a file, with whether it brings types only. */
export function importsOf(file: string, text: string): ImportRef[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: ImportRef[] = [];
  const add = (spec: string, node: ts.Node, typeOnly: boolean, names: string[]) => {
    const target = spec.startsWith('.') ? stripExt(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))) : spec;
    out.push({ from: file, target, line: src.getLineAndCharacterOfPosition(node.getStart()).line + 1, typeOnly, names });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, node, typeOnly, named ? named.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text) : []);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node, node.isTypeOnly, []);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, node, false, []);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

/** Names a file exports as functions that take a database handle (Db, Executor, Database) — functions that reach the database. */
export function databaseFunctions(file: string, text: string): Set<string> {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = new Set<string>();
  const takesDb = (params: ts.NodeArray<ts.ParameterDeclaration>) => params.some((p) => !!p.type && /\b(Db|Executor|Database)\b/.test(p.type.getText(src)));
  for (const st of src.statements) {
    const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(st) && st.name && takesDb(st.parameters)) found.add(st.name.text);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && takesDb(init.parameters)) found.add(d.name.text);
      }
    }
  }
  return found;
}

/** The module graph's cycles (module names), each once. */
function cycles(edges: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const walk = (node: string, stack: string[]) => {
    if (stack.includes(node)) {
      const cycle = stack.slice(stack.indexOf(node));
      const key = [...cycle].sort().join('>');
      if (!seen.has(key)) (seen.add(key), found.push([...cycle, node]));
      return;
    }
    for (const next of edges.get(node) ?? []) walk(next, [...stack, node]);
  };
  for (const node of edges.keys()) walk(node, []);
  return found;
}

export function checkArchitecture(files: Map<string, string>): string[] {
  const problems: string[] = [];
  const imports = [...files].flatMap(([f, text]) => importsOf(f, text));
  const exists = (target: string) => ['.ts', '.tsx'].some((e) => files.has(target + e));
  const textOf = (target: string) => files.get(target + '.ts') ?? files.get(target + '.tsx') ?? '';
  const graph = new Map<string, Set<string>>();

  for (const imp of imports) {
    const at = `${imp.from}:${imp.line}`;
    const from = moduleOf(imp.from);
    const to = moduleOf(imp.target + '.ts');
    // 1. The platform never depends on a module (tests of the platform included).
    if (imp.from.startsWith('src/platform/') && to) problems.push(`${at}: the platform imports the ${to} module (${imp.target})`);
    // 2. Another module is reached only through its service.ts — types included. Tests may also use its factories (shared with the demo seed).
    if (from && to && from !== to) {
      const allowed = imp.target === `src/modules/${to}/service` || (isTest(imp.from) && imp.target === `src/modules/${to}/factories`);
      if (!allowed) problems.push(`${at}: ${from} imports ${imp.target} — another module is reached only through its service.ts`);
      if (!isTest(imp.from)) (graph.get(from) ?? graph.set(from, new Set()).get(from)!).add(to);
    }
    // 3. Routes and views hold no queries: no drizzle-orm, no schema, no database client (types aside).
    if ((isRoutes(imp.from) || isView(imp.from)) && !imp.typeOnly) {
      if (imp.target === 'drizzle-orm' || imp.target.startsWith('drizzle-orm/')) problems.push(`${at}: a routes or views file imports drizzle-orm`);
      if (/\/schema$/.test(imp.target)) problems.push(`${at}: a routes or views file imports ${imp.target}`);
      if (imp.target === 'src/db/client') problems.push(`${at}: a routes or views file imports the database client`);
    }
    // 4. A view does not call a function that reaches the database.
    if (isView(imp.from) && !imp.typeOnly && exists(imp.target)) {
      const reaching = databaseFunctions(imp.target, textOf(imp.target));
      for (const name of imp.names) if (reaching.has(name)) problems.push(`${at}: a view imports ${name} from ${imp.target}, which reaches the database`);
    }
  }
  // 5. Permissions are named rules in a policy.ts, decided in services: no role test elsewhere in a module, no permission, audit or mail in a route or view.
  for (const [f, text] of files) {
    if (isTest(f)) continue;
    const lines = text.split('\n');
    const at = (re: RegExp) => lines.flatMap((l, i) => (re.test(l) && !/^\s*(\/\/|\*|import )/.test(l) ? [i + 1] : []));
    if (moduleOf(f) && !f.endsWith('/policy.ts')) for (const n of at(/\bhasRole\s*\(/)) problems.push(`${f}:${n}: a role is tested outside policy.ts — name the rule in the module's policy.ts`);
    if (isRoutes(f) || isView(f)) {
      for (const n of at(/\b(authorize|hasRole)\s*\(|\bForbiddenError\b/)) problems.push(`${f}:${n}: a permission is decided in a route or view — the service verb decides it with its policy`);
      for (const n of at(/\b(recordAudit|queueMail|enqueueJob)\s*\(/)) problems.push(`${f}:${n}: a route or view writes (audit, mail, job) — a service verb does`);
    }
  }
  // 6. No cycle between modules.
  for (const cycle of cycles(graph)) problems.push(`src/modules: the modules import each other in a cycle: ${cycle.join(' → ')}`);
  // 7. Every module has the same shape.
  const modules = new Set([...files.keys()].map(moduleOf).filter((m): m is string => !!m));
  for (const m of modules) {
    for (const part of ['module', 'service', 'policy']) if (!exists(`src/modules/${m}/${part}`)) problems.push(`src/modules/${m}: no ${part}.ts`);
    const routes = [...files.keys()].some((f) => f.startsWith(`src/modules/${m}/`) && isRoutes(f));
    if (!routes) problems.push(`src/modules/${m}: no routes`);
  }
  return problems.sort();
}

/** The project's TypeScript sources, as the checker reads them. */
export function projectSources(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const rel = `${dir}/${name}`;
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.set(rel, readFileSync(path.join(root, rel), 'utf8'));
    }
  };
  walk('src');
  return files;
}
