// Command-family filters for shell output. Owns: recognising a command's output and keeping every
// failure, error and summary of it. Does not own: running commands (hosts do) or unknown text (generic).
// Adding a filter: one file here, one line below, one fixture folder under test/fixtures/shell/<id>/.
import type { Compressor } from '../types';
import { javac } from './javac';
import { gradle } from './gradle';
import { maven } from './maven';
import { cargoBuild } from './cargoBuild';
import { goBuild } from './goBuild';
import { mypy } from './mypy';
import { ruff } from './ruff';
import { flake8 } from './flake8';
import { tsc } from './tsc';
import { eslint } from './eslint';
import { gcc } from './gcc';
import { nodeTest } from './nodeTest';
import { vitest } from './vitest';
import { jest } from './jest';
import { mocha } from './mocha';
import { pytest } from './pytest';
import { cargoTest } from './cargoTest';
import { npmInstall } from './npmInstall';
import { npmLs } from './npmLs';
import { pipInstall } from './pipInstall';
import { cargoFetch } from './cargoFetch';
import { apt } from './apt';
import { gitStatus } from './gitStatus';
import { gitLog } from './gitLog';
import { gitBlame } from './gitBlame';
import { gitBranch } from './gitBranch';
import { find } from './find';
import { ls } from './ls';
import { tree } from './tree';
import { dockerPs } from './dockerPs';
import { dockerBuild } from './dockerBuild';
import { kubectlGet } from './kubectlGet';
import { kubectlDescribe } from './kubectlDescribe';
import { kubectlYaml } from './kubectlYaml';
import { goTest } from './goTest';
import { rspec } from './rspec';
import { minitest } from './minitest';
import { dotnetTest } from './dotnetTest';

export const SHELL_FILTERS: readonly Compressor[] = [
  javac,
  gradle,
  maven,
  cargoBuild,
  goBuild,
  mypy,
  ruff,
  flake8,
  tsc,
  eslint,
  gcc,
  nodeTest,
  vitest,
  jest,
  mocha,
  pytest,
  cargoTest,
  npmInstall,
  npmLs,
  pipInstall,
  cargoFetch,
  apt,
  gitStatus,
  gitLog,
  gitBlame,
  gitBranch,
  find,
  ls,
  tree,
  dockerPs,
  dockerBuild,
  kubectlGet,
  kubectlDescribe,
  kubectlYaml,
  goTest,
  rspec,
  minitest,
  dotnetTest,
];
