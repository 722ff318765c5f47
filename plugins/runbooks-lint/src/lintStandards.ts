import {
  EntitySnapshot,
  StoredRunbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { FindingLevel } from './findings';

/** Reports one finding: about a runbook's file, or (without `runbook`) the entity. */
type Emit = (
  level: FindingLevel,
  message: string,
  runbook?: StoredRunbook,
) => void;

/** The standard in words: `the index README.md ("Runbook Structure")`, `the default standard`. */
export function describeStandard(snapshot: EntitySnapshot): string {
  const standard = snapshot.standard;
  if (!standard || standard.source === 'default') return 'the default standard';
  if (standard.source === 'config') return 'runbooks.standards of config';
  return `the standard of ${standard.sourcePath}${
    standard.declaredIn ? ` ("${standard.declaredIn}")` : ''
  }`;
}

/**
 * Each runbook against its entity's standard, as the portal scores it: a
 * finding for each required section it lacks (a warning, an error with
 * `strict`), one note with its score and its other failing checks, and one
 * note with the entity's standard and scores.
 */
export function lintStandards(
  snapshot: EntitySnapshot,
  emit: Emit,
  strict: boolean,
) {
  const scored = snapshot.runbooks.filter(r => !r.missing && r.standards);
  if (!scored.length) return;
  const source = describeStandard(snapshot);
  let passed = 0;
  let total = 0;
  for (const runbook of scored) {
    const result = runbook.standards!;
    passed += result.passed;
    total += result.total;
    const failing = result.checks.filter(check => !check.passed);
    for (const check of failing.filter(c => c.id.startsWith('section:'))) {
      emit(
        strict ? 'error' : 'warning',
        `misses a required section: ${check.reason} (${source})`,
        runbook,
      );
    }
    const others = failing.filter(c => !c.id.startsWith('section:'));
    if (others.length) {
      emit(
        'info',
        `standards ${result.passed}/${result.total}; failing: ${others
          .map(c => `${c.label} (${c.reason})`)
          .join('; ')}`,
        runbook,
      );
    }
  }
  const perfect = scored.filter(
    r => r.standards!.passed === r.standards!.total,
  );
  emit(
    'info',
    `runbooks checked against ${source}: ${passed}/${total} checks pass; ${perfect.length} of ${scored.length} runbook(s) meet it fully`,
  );
}
