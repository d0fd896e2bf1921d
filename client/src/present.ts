// How server answers are shown in VS Code's plain-text widgets (status bar, QuickPick).
import type { CorpusStatus, SimilarClause } from '../../server/src/protocol/settings';

export function describeStatus(status: CorpusStatus): { text: string; tooltip: string } {
  const skipped = status.skipped.length > 0 ? `\n${status.skipped.length} fichier(s) ignoré(s) :\n` + status.skipped.map((s) => `• ${s.file} — ${s.reason}`).join('\n') : '';
  switch (status.state) {
    case 'indexing': {
      const p = status.progress;
      const text = !p
        ? 'indexation…'
        : p.phase === 'preparing'
          ? 'préparation…'
          : `${p.done.toLocaleString('fr-FR')} / ${p.total.toLocaleString('fr-FR')}`;
      return { text: `$(sync~spin) Précédent : ${text}`, tooltip: status.message + skipped };
    }
    case 'error':
      return { text: '$(error) Précédent', tooltip: status.message + skipped };
    default:
      return {
        text: `$(book) Précédent : ${status.documents} précédent${status.documents > 1 ? 's' : ''}`,
        tooltip: `${status.message}\n${status.clauses} clauses, ${status.references} références${skipped}`,
      };
  }
}

/**
 * The precedent clause with its differences from the draft marked in the text: ⟦+ …⟧ for words only
 * the precedent has, ⟦− …⟧ for words only the draft has. Whitespace runs (PDF line breaks) fold to one space.
 */
export function renderDiff(diff: SimilarClause['diff'], fallback: string): string {
  if (!diff || diff.length === 0) return fold(fallback);
  // Parts are runs of words without their surrounding spaces: join them with one.
  return diff
    .map((part) => {
      const text = fold(part.text).trim();
      if (part.kind === 'same' || text === '') return text;
      return part.kind === 'added' ? `⟦+ ${text}⟧` : `⟦− ${text}⟧`;
    })
    .filter((text) => text !== '')
    .join(' ');
}

function fold(text: string): string {
  return text.replace(/\s+/g, ' ');
}
