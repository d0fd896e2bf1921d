// STUB — replaced by the references helper.
export interface Topic {
  id: string;
  /** French label as drafters say it: "la criminalité transnationale organisée". */
  label: string;
  /** Key terms (folded) whose presence means the text addresses the topic. */
  terms: string[];
}
export const TOPICS: readonly Topic[] = [];
export function findTopics(_cleanText: string): string[] {
  return [];
}
