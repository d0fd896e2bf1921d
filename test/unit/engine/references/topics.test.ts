import * as assert from 'node:assert/strict';
import { findTopics, TOPICS } from '../../../../server/src/engine/references/topics';
import { KNOWN_ENTRIES } from '../../../../server/src/engine/references/knowledge';

describe('engine/references/topics: key terms to topic ids', () => {
  it('finds topics accent-, case- and number-insensitively, across NBSP and line breaks', () => {
    const text = 'RAPPELANT la lutte contre la Criminalite Transnationale Organisee et les combattants\nterroristes étrangers ; la traite d’êtres humains, les armes\u00a0à feu et l’échange d’informations.';
    assert.deepEqual(findTopics(text), [
      'transnational-organised-crime', 'organised-crime', 'foreign-terrorist-fighters', 'terrorism', 'trafficking-in-human-beings', 'firearms', 'information-exchange',
    ]);
  });

  it('adds the topics a narrower one implies', () => {
    assert.deepEqual(findTopics('la criminalité transnationale organisée'), ['transnational-organised-crime', 'organised-crime']);
  });

  it('matches whole words only, and both singular and plural', () => {
    assert.deepEqual(findTopics('la lutte anticorruption'), []);
    assert.deepEqual(findTopics('les actes de corruption'), ['corruption']);
    assert.deepEqual(findTopics('le crime organisé'), ['organised-crime']);
    assert.deepEqual(findTopics('les crimes organisés'), ['organised-crime']);
    assert.deepEqual(findTopics('un combattant terroriste étranger'), ['foreign-terrorist-fighters', 'terrorism']);
    assert.deepEqual(findTopics('le trafic de stupéfiants et la sécurité des frontières'), ['drug-trafficking', 'border-security']);
    assert.deepEqual(findTopics('la coopération policière'), [], 'without "internationale" it is not the topic');
  });

  it('has French labels, and every topic the knowledge file uses exists', () => {
    const ids = new Set(TOPICS.map((t) => t.id));
    for (const t of TOPICS) assert.match(t.label, /^(?:la |le |les |l’)/);
    for (const e of KNOWN_ENTRIES) for (const topic of e.topics ?? []) assert.ok(ids.has(topic), `${e.id}: ${topic}`);
  });

  it('stays fast on a 1 MB line', () => {
    const big = 'la sécurité des citoyens et la coopération '.repeat(25000);
    const started = performance.now();
    findTopics(big);
    assert.ok(performance.now() - started < 1500);
  });
});
