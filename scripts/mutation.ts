/**
 * `npm run mutation`: a small, reproducible mutation run over the broker-free suite.
 *
 * It finds every place in the chosen source files where one of a fixed set of operator mutations
 * applies (=== / !==, < / <=, > / >=, && / ||, true / false, + 1 / - 1, a dropped `!`, a removed
 * statement), picks a sample with a seeded shuffle, and for each mutant: copies the project once
 * into a temporary directory, writes the mutated file there, runs the unit tests and the memory
 * conformance suite with a time bound (stopping at the first failure), and puts the file back. A
 * mutant is killed when the suite fails or times out, survived when it passes. The score is
 * killed / (killed + survived). Tests that already fail without a mutant are listed and left out.
 * Nothing in the working tree is ever modified.
 *
 *   npm run mutation -- [--max 40] [--seed 1] [--files src/client,src/codec/bodies.ts] [--from N] [--list]
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const DEFAULT_FILES = ['src/selector', 'src/message', 'src/codec', 'src/client'];
const SUITE = ['test/unit/**/*.test.ts', 'test/conformance/conformance.test.ts'];
/** Not copied into the temporary project: history, dependencies (linked instead) and outputs. */
const NOT_COPIED = new Set(['.git', 'node_modules', 'reports', 'dist']);

interface Mutant {
  readonly file: string;
  readonly line: number; // 1-based
  readonly operator: string;
  readonly original: string; // the whole line
  readonly mutated: string;
}

interface Options {
  max: number;
  seed: number;
  files: string[];
  list: boolean;
  /** Resume a run at this mutant of the sample (1-based). */
  from: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { max: 40, seed: 1, files: DEFAULT_FILES, list: false, from: 1 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--max') options.max = Number(value());
    else if (flag === '--seed') options.seed = Number(value());
    else if (flag === '--files') options.files = value().split(',').filter((f) => f !== '');
    else if (flag === '--list') options.list = true;
    else if (flag === '--from') options.from = Number(value());
    else throw new Error(`Unknown option ${flag} (known: --max N, --seed N, --files a,b, --from N, --list)`);
  }
  if (!Number.isInteger(options.max) || options.max < 1) throw new Error('--max must be a positive integer');
  return options;
}

function sourceFiles(roots: string[]): string[] {
  const files: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) files.push(path);
  };
  for (const root of roots) walk(root);
  return files;
}

/** The line with string literals and comments blanked out, so mutations only touch code. */
function codeOnly(line: string, inBlockComment: { value: boolean }): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inBlockComment.value) {
      if (line.startsWith('*/', i)) {
        inBlockComment.value = false;
        out += '  ';
        i++;
      } else out += ' ';
      continue;
    }
    if (line.startsWith('/*', i)) {
      inBlockComment.value = true;
      out += '  ';
      i++;
      continue;
    }
    if (line.startsWith('//', i)) return out + ' '.repeat(line.length - i);
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < line.length && line[j] !== ch) j += line[j] === '\\' ? 2 : 1;
      out += ch + ' '.repeat(Math.max(0, Math.min(j, line.length) - i - 1)) + (j < line.length ? ch : '');
      i = j;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Binary operators are written with spaces around them here; generics and arrows are not. */
const SWAPS: [string, RegExp, string][] = [
  ['=== -> !==', / === /g, ' !== '],
  ['!== -> ===', / !== /g, ' === '],
  ['< -> <=', / < /g, ' <= '],
  ['<= -> <', / <= /g, ' < '],
  ['> -> >=', / > /g, ' >= '],
  ['>= -> >', / >= /g, ' > '],
  ['&& -> ||', / && /g, ' || '],
  ['|| -> &&', / \|\| /g, ' && '],
  ['true -> false', /\btrue\b/g, 'false'],
  ['false -> true', /\bfalse\b/g, 'true'],
  ['+ 1 -> - 1', / \+ 1\b/g, ' - 1'],
  ['- 1 -> + 1', / - 1\b/g, ' + 1'],
  ['drop !', /\(!(?!=)/g, '('],
];

/** A single-line statement whose removal still parses: a call, an assignment, a throw. */
const REMOVABLE = /^(await |this\.|throw |[A-Za-z_$][\w$]*(\.|\(| = | \+= | -= |\+\+|--))/;
/** A method signature in an interface (`name(args): Type;`): removing it changes no behaviour. */
const SIGNATURE = /^[A-Za-z_$][\w$]*\??\(.*\)\s*:\s*[^=]+;$/;

function mutantsOf(file: string): Mutant[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const mutants: Mutant[] = [];
  const comment = { value: false };
  lines.forEach((line, index) => {
    const code = codeOnly(line, comment);
    const trimmed = code.trim();
    if (trimmed.startsWith('import ') || trimmed.startsWith('export type') || trimmed.startsWith('type ') || trimmed.startsWith('readonly ')) return;
    for (const [operator, pattern, replacement] of SWAPS) {
      for (const match of code.matchAll(pattern)) {
        const at = match.index!;
        const mutated = line.slice(0, at) + replacement + line.slice(at + match[0].length);
        mutants.push({ file, line: index + 1, operator, original: line, mutated });
      }
    }
    const balanced = (open: string, close: string) => code.split(open).length === code.split(close).length;
    if (trimmed.endsWith(';') && REMOVABLE.test(trimmed) && !SIGNATURE.test(trimmed) && balanced('(', ')') && balanced('{', '}') && balanced('[', ']')) {
      mutants.push({ file, line: index + 1, operator: 'remove statement', original: line, mutated: line.replace(/\S.*$/, '/* removed */') });
    }
  });
  return mutants;
}

/** Deterministic shuffle (mulberry32), so a seed always picks the same mutants. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Runs the broker-free suite in `dir`; resolves with passed, failed or timeout. */
function runSuite(dir: string, timeoutMs: number, extra: string[] = ['--reporter', 'dot', '--bail']): Promise<{ result: 'passed' | 'failed' | 'timeout' | 'error'; ms: number }> {
  const started = Date.now();
  // Broker URLs are removed so the conformance suite runs on memory:// only.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('JMS_TEST_') && key !== 'JMS_URL'));
  // Test files load as ES modules, as the adapters loaded on demand are (one instance of each module).
  const args = ['mocha', '--no-config', '--node-option', 'import=tsx', '--node-option', 'no-experimental-require-module', '--extension', 'ts', '--timeout', '20000', ...extra, ...SUITE];
  return new Promise((resolve) => {
    const child = spawn('npx', args, { cwd: dir, env, stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve({ result: 'timeout', ms: Date.now() - started });
    }, timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ result: 'error', ms: Date.now() - started });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ result: code === 0 ? 'passed' : 'failed', ms: Date.now() - started });
    });
  });
}

function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jms-ts-mutation-'));
  for (const entry of readdirSync('.')) if (!NOT_COPIED.has(entry)) cpSync(entry, join(dir, entry), { recursive: true });
  symlinkSync(realpathSync('node_modules'), join(dir, 'node_modules'));
  return dir;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const all = sourceFiles(options.files).flatMap(mutantsOf);
  const chosen = shuffled(all, options.seed).slice(0, options.max).slice(options.from - 1);
  console.log(`mutation: ${all.length} mutants in ${options.files.join(', ')}; running ${chosen.length} (seed ${options.seed})`);
  if (options.list) {
    for (const m of chosen) console.log(`${m.file}:${m.line} ${m.operator}\n  - ${m.original.trim()}\n  + ${m.mutated.trim()}`);
    return;
  }
  const dir = copyProject();
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    // Tests that already fail without a mutant are left out (and listed), so they cannot count as kills.
    const known = join(dir, 'baseline.json');
    const baseline = await runSuite(dir, 10 * 60_000, ['--reporter', 'json', '--reporter-option', `output=${known}`]);
    const failing = existsSync(known) ? (JSON.parse(readFileSync(known, 'utf8')) as { failures: { fullTitle: string }[] }).failures.map((f) => f.fullTitle) : [];
    if (baseline.result !== 'passed' && failing.length === 0) throw new Error(`The unmutated suite does not run (${baseline.result}); fix that first`);
    const exclude = failing.length > 0 ? ['--grep', failing.map((title) => `^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).join('|'), '--invert'] : [];
    for (const title of failing) console.log(`baseline: already failing without a mutant, left out: ${title}`);
    const mutantRun = ['--reporter', 'dot', '--bail', ...exclude];
    const timeoutMs = baseline.ms * 2 + 10_000;
    console.log(`baseline: suite runs in ${(baseline.ms / 1000).toFixed(1)} s; a mutant times out after ${(timeoutMs / 1000).toFixed(0)} s`);
    const survivors: Mutant[] = [];
    let killed = 0;
    for (const [index, mutant] of chosen.entries()) {
      const target = join(dir, mutant.file);
      const source = readFileSync(target, 'utf8');
      const lines = source.split('\n');
      lines[mutant.line - 1] = mutant.mutated;
      writeFileSync(target, lines.join('\n'));
      let outcome;
      try {
        outcome = await runSuite(dir, timeoutMs, mutantRun);
        // The suite could not be started at all (e.g. node_modules being reinstalled): try once more.
        if (outcome.result === 'error') outcome = await runSuite(dir, timeoutMs, mutantRun);
      } finally {
        writeFileSync(target, source);
      }
      if (outcome.result === 'error') throw new Error(`Could not run the suite for mutant ${index + 1}; resume with --from ${index + options.from}`);
      const survived = outcome.result === 'passed';
      if (survived) survivors.push(mutant);
      else killed++;
      console.log(`${String(index + options.from).padStart(3)} ${survived ? 'SURVIVED' : `killed (${outcome.result})`.padEnd(8)} ${relative('.', mutant.file)}:${mutant.line} ${mutant.operator}`);
    }
    const score = (100 * killed) / chosen.length;
    console.log(`\nmutation score: ${score.toFixed(1)}% (${killed} killed, ${survivors.length} survived of ${chosen.length}; seed ${options.seed})`);
    for (const m of survivors) console.log(`survived: ${m.file}:${m.line} ${m.operator}\n  - ${m.original.trim()}\n  + ${m.mutated.trim()}`);
  } finally {
    cleanup();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
