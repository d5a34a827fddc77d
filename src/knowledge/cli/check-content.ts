/** `npm run content:check [dir]`: validates every content file, prints each problem, exits 1 on any. */
import { resolve } from 'node:path';
import { formatProblem } from '../content-problem';
import { tryLoadKnowledge } from '../load-knowledge';
import { englishSummary, flagSummary } from './flag-summary';

function main(): number {
  const dir = resolve(process.argv[2] ?? resolve(__dirname, '../../../content'));
  const { knowledge, problems } = tryLoadKnowledge(dir);
  if (!knowledge) {
    for (const p of problems) console.error(formatProblem(p));
    console.error(`\n${problems.length} problem(s) in ${dir}`);
    return 1;
  }
  const offices = knowledge.listOffices();
  console.log(`content ok: ${knowledge.listProcedures().length} procedures, ${offices.length} offices (${dir})`);
  console.log(flagSummary(knowledge));
  console.log(englishSummary(knowledge));
  return 0;
}

process.exitCode = main();
