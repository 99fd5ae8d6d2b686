// Entry point the extension host loads (`extensionTestsPath`): Headroom's real-VS-Code suite.
import { runFolder } from '../mochaEntry';

export function run(): Promise<void> {
  // deactivate frees the Runtime for good, so it runs after everything else.
  return runFolder(__dirname, { last: ['deactivate.test.js'] });
}
