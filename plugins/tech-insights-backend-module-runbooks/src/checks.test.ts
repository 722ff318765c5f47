import { runbooksChecks } from './checks';
import { runbooksFactRetriever } from './runbooksFactRetriever';

describe('ready-made runbook checks', () => {
  it('each asks a fact the retriever gives, with a unique id', () => {
    const facts = Object.keys(runbooksFactRetriever.schema);
    for (const check of runbooksChecks) {
      expect(check.factIds).toEqual([runbooksFactRetriever.id]);
      for (const condition of check.rule.conditions.all) {
        expect(facts).toContain(condition.fact);
      }
    }
    expect(new Set(runbooksChecks.map(c => c.id)).size).toBe(
      runbooksChecks.length,
    );
  });

  it('include the standards checks', () => {
    expect(
      runbooksChecks.find(c => c.id === 'runbooks-standard-sections')?.rule
        .conditions.all,
    ).toEqual([
      { fact: 'runbooksMissingSectionsCount', operator: 'equal', value: 0 },
    ]);
    expect(
      runbooksChecks.find(c => c.id === 'runbooks-standards-score')?.rule
        .conditions.all,
    ).toEqual([
      {
        fact: 'standardsScorePercent',
        operator: 'greaterThanInclusive',
        value: 80,
      },
    ]);
  });
});
