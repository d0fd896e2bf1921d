// Settings and custom messages shared by the client and the server. Types only.
export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const RULE_CODES = [
  'missing-reference',
  'unknown-reference',
  'misspelled-reference',
  'acronym-first-use',
  'incomplete-citation',
  'mixed-voice',
  'typography',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];
