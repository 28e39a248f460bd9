// Reads the Dockerfile with dockerfile-ast (the parser of the Dockerfile language server) into build
// stages, so checks can ask what each stage runs, copies and declares.
import { readFileSync } from 'node:fs';
import { DockerfileParser, type Arg, type Env, type From, type Instruction } from 'dockerfile-ast';
import { dockerfilePath } from './paths.ts';

export interface Stage {
  name: string | null;
  from: From;
  instructions: Instruction[];
}

export function readStages(path: string = dockerfilePath): Stage[] {
  const dockerfile = DockerfileParser.parse(readFileSync(path, 'utf8'));
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      stages.push({ name: from.getBuildStage(), from, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.getKeyword() === keyword);
}

/** The words of a shell-form instruction, e.g. COPY's flags, sources and target. */
export function words(instruction: Instruction): string[] {
  return instruction.getArguments().map((a) => a.getValue());
}

/** `KEY=value` pairs of a stage's ENV or ARG instructions. */
export function properties(stage: Stage, keyword: 'ENV' | 'ARG'): Map<string, string> {
  const map = new Map<string, string>();
  for (const i of instructionsOf(stage, keyword)) {
    for (const p of (i as Env | Arg).getProperties()) map.set(p.getName(), p.getValue() ?? '');
  }
  return map;
}

/** The JSON (exec) form of an ENTRYPOINT, CMD or HEALTHCHECK CMD, as a list of strings. */
export function execForm(instruction: Instruction): string[] {
  const text = instruction.getArgumentsContent() ?? '';
  const json = text.slice(text.indexOf('['));
  const parsed: unknown = JSON.parse(json.replace(/\\\n\s*/g, ''));
  if (!Array.isArray(parsed) || !parsed.every((w) => typeof w === 'string')) {
    throw new Error(`${instruction.getKeyword()} is not in exec form: ${text}`);
  }
  return parsed;
}
