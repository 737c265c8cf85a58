/**
 * TRL dataset rows in conversational form (TRL "Dataset formats"): DPO preference rows
 * `{prompt: [user message], chosen: [assistant message], rejected: [assistant message]}` and KTO
 * unpaired-preference rows `{prompt, completion, label}`. Pure mapping from plum's records.
 */
import type { DpoPair, KtoExample } from '../records.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TrlDpoRow {
  prompt: ChatMessage[];
  chosen: ChatMessage[];
  rejected: ChatMessage[];
}

export interface TrlKtoRow {
  prompt: ChatMessage[];
  completion: ChatMessage[];
  label: boolean;
}

export interface TrlRowOptions {
  /** A system message put before the user prompt. Default none. */
  systemPrompt?: string;
}

function promptMessages(prompt: string, options: TrlRowOptions): ChatMessage[] {
  return options.systemPrompt ? [{ role: 'system', content: options.systemPrompt }, { role: 'user', content: prompt }] : [{ role: 'user', content: prompt }];
}

export function toTrlDpoRow(pair: DpoPair, options: TrlRowOptions = {}): TrlDpoRow {
  return {
    prompt: promptMessages(pair.prompt, options),
    chosen: [{ role: 'assistant', content: pair.chosen }],
    rejected: [{ role: 'assistant', content: pair.rejected }],
  };
}

export function toTrlKtoRow(example: KtoExample, options: TrlRowOptions = {}): TrlKtoRow {
  return {
    prompt: promptMessages(example.prompt, options),
    completion: [{ role: 'assistant', content: example.completion }],
    label: example.label,
  };
}
