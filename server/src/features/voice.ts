// Which form a clause opener must take at a position of the draft: the voice of the section, the
// part (preamble or operative) and the style of the clauses already written around it.
import type { Clause, OpenerForm, Voice } from '../engine/types';
import { isOpenerAdjective } from '../engine/structure/conjugate';
import { clausesBefore, sectionAt, type Draft } from './draft';

/** A place an opener can fill; the form follows from the slot and the lemma. */
export type Slot =
  | { kind: 'preamble'; person: Voice['person'] }
  | { kind: 'finite'; person: 'third-plural' | 'third-singular' | 'first-plural'; nous: boolean | null }
  | { kind: 'infinitive'; person: Voice['person'] };

const FINITE = new Set<OpenerForm>(['third-plural', 'third-singular', 'first-plural']);

export function formFor(slot: Slot, lemma: string): OpenerForm {
  if (slot.kind === 'finite') return slot.person;
  if (slot.kind === 'infinitive') return 'infinitive';
  return isOpenerAdjective(lemma) ? 'past-participle' : 'participle';
}

function personOf(clauses: readonly Clause[], fallback: Voice['person']): Voice['person'] {
  for (let i = clauses.length - 1; i >= 0; i--) {
    const f = clauses[i].opener?.form;
    if (f && FINITE.has(f)) return f as Voice['person'];
    if (clauses[i].voice.person) return clauses[i].voice.person;
  }
  return fallback;
}

/** "Nous réaffirmons" (true) or "Réaffirmons" (false) in the draft so far; null when it never says. */
function nousStyle(clauses: readonly Clause[]): boolean | null {
  let nous = 0;
  let bare = 0;
  for (const c of clauses) {
    if (c.opener?.form !== 'first-plural') continue;
    if (/^nous\s/i.test(c.opener.text)) nous++;
    else bare++;
  }
  return nous === bare ? null : nous > bare;
}

function isOperativeHeading(heading: string | null): boolean {
  return heading !== null && /[:：]\s*$/.test(heading);
}

/** Slots for a clause opened at `offset`, best fit first. Empty: the draft says nothing of its voice. */
export function slotsAt(draft: Draft, offset: number): Slot[] {
  const section = sectionAt(draft, offset);
  const before = clausesBefore(draft, offset);
  const inSection = section ? before.filter((c) => c.sectionIndex === section.index) : before;
  // The speaker: the section's, else the nearest one before.
  let voicePerson: Voice['person'] = section?.voice.person ?? null;
  if (!voicePerson) {
    for (let i = draft.analysed.sections.length - 1; i >= 0; i--) {
      const s = draft.analysed.sections[i];
      if (s.span.start <= offset && s.voice.person) {
        voicePerson = s.voice.person;
        break;
      }
    }
  }
  const person = personOf(inSection, voicePerson) ?? personOf(before, null);
  const nous = nousStyle(before);
  const finite = (p: Voice['person']): Slot[] => (p ? [{ kind: 'finite', person: p, nous }] : []);

  if (section && section.role === 'operative' && isOperativeHeading(section.heading)) {
    const last = inSection[inSection.length - 1]?.opener?.form;
    if (last && FINITE.has(last)) return [...finite(last as Voice['person']), { kind: 'infinitive', person }];
    return [{ kind: 'infinitive', person }];
  }
  const last = [...inSection].reverse().find((c) => c.opener && c.opener.form !== 'other' && c.opener.form !== 'noun');
  if (last?.opener) {
    const form = last.opener.form;
    if (form === 'infinitive') return [{ kind: 'infinitive', person }];
    if (FINITE.has(form)) {
      // The speaker decides; a clause that strayed from it (mixed voice) comes second.
      const speaker = section?.voice.person ?? voicePerson;
      if (speaker && speaker !== form) return [...finite(speaker), ...finite(form as Voice['person'])];
      return finite(form as Voice['person']);
    }
    // In the preamble: more preamble, or the first operative clause.
    return [{ kind: 'preamble', person }, ...finite(person)];
  }
  // A speaker and nothing said yet: the operative form first ("Les chefs de police" → "Réaffirment").
  if (person) return [...finite(person), { kind: 'preamble', person }];
  return [];
}
