/**
 * Prompt templates of the LLM stages: files in data/prompts/ (overridable per run by a folder of
 * the same file names) with `{{name}}` placeholders. Loads and fills templates; does not decide
 * what goes in them (src/testgen/llm-prompt.ts, src/sample/llm-prompt.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { dataPath } from '../paths.js';
import type { ChatMessage } from './cache.js';

const loaded = new Map<string, string>();

/** The text of template `name` (e.g. "policy.user"): from `overrideDir` when it has it, else data/prompts/. */
export function loadPromptTemplate(name: string, overrideDir?: string): string {
  const candidates = [overrideDir ? join(overrideDir, `${name}.md`) : undefined, dataPath('prompts', `${name}.md`)].filter(
    (p): p is string => !!p,
  );
  for (const file of candidates) {
    const hit = loaded.get(file);
    if (hit !== undefined) return hit;
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      loaded.set(file, text);
      return text;
    }
  }
  throw new ConfigError(`prompt template "${name}.md" not found in ${candidates.join(' or ')}`);
}

/** Fill `{{name}}` placeholders; an unknown placeholder is a ConfigError (a typo in a template). */
export function renderTemplate(template: string, values: Record<string, string | number>, name = 'template'): string {
  const text = template.replace(/\{\{\s*([\w]+)\s*\}\}/g, (_m, key: string) => {
    if (!(key in values)) throw new ConfigError(`prompt ${name}: unknown placeholder {{${key}}}; known: ${Object.keys(values).join(', ')}`);
    return String(values[key]);
  });
  return text.replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

/** System + user messages from the templates `<prefix>.system` and `<prefix>.user`. */
export function renderChat(prefix: string, values: Record<string, string | number>, overrideDir?: string): ChatMessage[] {
  const system = renderTemplate(loadPromptTemplate(`${prefix}.system`, overrideDir), values, `${prefix}.system`).trim();
  const user = renderTemplate(loadPromptTemplate(`${prefix}.user`, overrideDir), values, `${prefix}.user`);
  return system ? [{ role: 'system', content: system }, { role: 'user', content: user }] : [{ role: 'user', content: user }];
}
