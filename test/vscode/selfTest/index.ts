// A suite that must fail: the runner's own test runs it and expects a non-zero exit.
import { runFolder } from '../mochaEntry';

export function run(): Promise<void> {
  return runFolder(__dirname);
}
