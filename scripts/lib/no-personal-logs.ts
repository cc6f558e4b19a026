import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';

// Workers Logs keep every console line of the Worker. Nothing a visitor or a client sent (headers, bodies,
// tokens, addresses, events) may reach one, so every console call's arguments are read here by the TypeScript
// parser, not by a regular expression: a call split over lines or built from a template is still seen.

// Words that name request data or what is derived from it. An identifier is split into words (`userAgent` is
// `user agent`, `CF_IP` is `cf ip`), so `zip` or `recipient` are not mistaken for `ip`.
const PERSONAL_WORDS = new Set([
  // the request and its context
  'c',
  'ctx',
  'context',
  'req',
  'request',
  'raw',
  'cf',
  // what it carries
  'header',
  'headers',
  'body',
  'text',
  'form',
  'payload',
  'input',
  'url',
  'href',
  'query',
  'param',
  'params',
  'cookie',
  'cookies',
  'referrer',
  'referer',
  'props',
  // who sent it
  'token',
  'tokens',
  'authorization',
  'auth',
  'bearer',
  'secret',
  'agent',
  'ua',
  'ip',
  'address',
  'addr',
  'visitor',
  'hash',
  'salt',
  'session',
  'email',
  'country',
  'city',
  // engagement events and registration rows
  'event',
  'events',
  'message',
  'messages',
  'row',
  'rows',
  'folio',
  'idempotency',
]);

// Whole arguments that are allowed although a word might match: an error object, logged for its stack. Its
// message is ours or the runtime's (the e2e test e2e/no-personal-logs.test.ts checks what really gets printed).
const ALLOWED_ARGUMENTS = new Set(['error']);

/** One console call (or use of `console`) that may log request data, with where it is. */
export interface PersonalLog {
  file: string;
  line: number;
  call: string;
  words: string[];
}

/** The words of an identifier: `userAgent` → `user`, `agent`; `CF_CONNECTING_IP` → `cf`, `connecting`, `ip`. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** The personal words an argument refers to: its identifiers and property names, and element-access keys. */
function personalWords(argument: ts.Node): string[] {
  if (ts.isIdentifier(argument) && ALLOWED_ARGUMENTS.has(argument.text)) return [];
  const found = new Set<string>();
  const visit = (node: ts.Node) => {
    let names: string[] = [];
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) names = [node.text];
    else if (ts.isStringLiteralLike(node) && ts.isElementAccessExpression(node.parent)) names = [node.text];
    for (const name of names) {
      for (const word of identifierWords(name)) if (PERSONAL_WORDS.has(word)) found.add(word);
    }
    ts.forEachChild(node, visit);
  };
  visit(argument);
  return [...found];
}

/** `console.log`, `console['log']` or `globalThis.console.log`: the node is a member of the console object. */
function isConsoleMember(node: ts.Node): node is ts.PropertyAccessExpression | ts.ElementAccessExpression {
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return false;
  const object = node.expression;
  if (ts.isIdentifier(object)) return object.text === 'console';
  return ts.isPropertyAccessExpression(object) && object.name.text === 'console';
}

/** Every console call in one source file whose arguments refer to request data, and every indirect use. */
export function findPersonalLogs(file: string, source: string): PersonalLog[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: PersonalLog[] = [];
  const report = (node: ts.Node, words: string[]) => {
    const line = tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
    found.push({ file, line, call: node.getText(tree).replace(/\s+/g, ' '), words });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && isConsoleMember(node.expression)) {
      const words = [...new Set(node.arguments.flatMap(personalWords))];
      if (words.length > 0) report(node, words);
      node.arguments.forEach(visit);
      return;
    }
    // `console.log` handed on (`const log = console.log`, `.catch(console.error)`, `{ log } = console`): its
    // arguments cannot be read here, so it is reported as it stands.
    if (isConsoleMember(node) || (ts.isIdentifier(node) && node.text === 'console' && !isConsoleMember(node.parent))) {
      report(node, ['console used other than as a direct call']);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

async function sourceFiles(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true });
  const files = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(root, path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
    }),
  );
  return files.flat();
}

/** Checks every Worker source file under `dir` (tests excluded); the offenders, as `file:line` lines. */
export async function checkPersonalLogs(
  root: string,
  dir = 'functions',
): Promise<{ files: number; offenders: string[] }> {
  const files = await sourceFiles(root, dir);
  const offenders: string[] = [];
  for (const file of files) {
    for (const log of findPersonalLogs(file, await readFile(join(root, file), 'utf8'))) {
      offenders.push(`${log.file}:${log.line}: ${log.call} refers to ${log.words.join(', ')}`);
    }
  }
  return { files: files.length, offenders };
}
