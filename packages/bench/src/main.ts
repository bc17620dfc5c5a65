// `npm run bench`: the benchmark harness, and (with `--child`) one measurement job of it.
// reflect-metadata must be loaded before anything that uses decorators.
import 'reflect-metadata';
import { BENCH_USAGE, parseBenchArguments } from './bench-arguments';
import { BenchUsageError } from './bench-usage-error';
import { CHILD_FLAG, runChildJob } from './child-job';
import { runBench } from './run-bench';

async function main(args: readonly string[]): Promise<number> {
  if (args[0] === CHILD_FLAG) return runChildJob(args);
  try {
    const options = parseBenchArguments(args);
    if (options.help) {
      console.log(BENCH_USAGE);
      return 0;
    }
    await runBench(options, __filename, (line) => console.log(line));
    return 0;
  } catch (error) {
    if (error instanceof BenchUsageError) {
      console.error(`${error.message}\n\n${BENCH_USAGE}`);
      return 2;
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
