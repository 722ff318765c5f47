import { parseAlertSelector } from './alertSelector';
import { parseAlertsAnnotation } from './alertsAnnotation';
import {
  RUNBOOKS_ALERT_RULES_ANNOTATION,
  RUNBOOKS_ALERT_SELECTOR_ANNOTATION,
  RUNBOOKS_ALERTS_ANNOTATION,
  RUNBOOKS_ANNOTATIONS,
  RUNBOOKS_ESCALATION_ANNOTATION,
  RUNBOOKS_LOCATION_ANNOTATION,
  RUNBOOKS_REVIEW_INTERVAL_ANNOTATION,
} from './annotations';
import { parseDuration } from './duration';
import { parseEscalationAnnotation } from './escalation';
import { parseLocationAnnotation } from './location';
import { parseOnCallAnnotation } from './onCallAnnotation';
import { RunbookProblem } from './types';

/**
 * Checks every `runbooks/*` annotation of an entity: the one validator that the
 * backend, the catalog processor and the lint CLI share. Returns the problems,
 * each naming the annotation key and what is wrong; an empty list means valid.
 *
 * @public
 */
export function validateRunbooksAnnotations(
  annotations: Record<string, string | undefined>,
): RunbookProblem[] {
  const problems: RunbookProblem[] = [];
  const has = (key: string) => annotations[key] !== undefined;
  if (has(RUNBOOKS_LOCATION_ANNOTATION)) {
    problems.push(
      ...parseLocationAnnotation(annotations[RUNBOOKS_LOCATION_ANNOTATION])
        .problems,
    );
  }
  if (has(RUNBOOKS_ALERT_RULES_ANNOTATION)) {
    problems.push(
      ...parseLocationAnnotation(
        annotations[RUNBOOKS_ALERT_RULES_ANNOTATION],
        RUNBOOKS_ALERT_RULES_ANNOTATION,
      ).problems,
    );
  }
  if (has(RUNBOOKS_REVIEW_INTERVAL_ANNOTATION)) {
    const text = annotations[RUNBOOKS_REVIEW_INTERVAL_ANNOTATION]!;
    if (!parseDuration(text)) {
      problems.push({
        level: 'error',
        subject: RUNBOOKS_REVIEW_INTERVAL_ANNOTATION,
        message: `Annotation ${RUNBOOKS_REVIEW_INTERVAL_ANNOTATION} is "${text}"; expected a duration such as 90d, 12w, 6mo, 1y or P90D`,
      });
    }
  }
  if (has(RUNBOOKS_ESCALATION_ANNOTATION)) {
    problems.push(
      ...parseEscalationAnnotation(annotations[RUNBOOKS_ESCALATION_ANNOTATION])
        .problems,
    );
  }
  if (has(RUNBOOKS_ALERTS_ANNOTATION)) {
    problems.push(
      ...parseAlertsAnnotation(annotations[RUNBOOKS_ALERTS_ANNOTATION])
        .problems,
    );
  }
  if (has(RUNBOOKS_ALERT_SELECTOR_ANNOTATION)) {
    problems.push(
      ...parseAlertSelector(annotations[RUNBOOKS_ALERT_SELECTOR_ANNOTATION])
        .problems,
    );
  }
  problems.push(...parseOnCallAnnotation(annotations).problems);
  // A misspelt key (runbooks/locaton) silently turns the plugin off; say so.
  for (const key of Object.keys(annotations)) {
    if (
      key.startsWith('runbooks/') &&
      !(RUNBOOKS_ANNOTATIONS as readonly string[]).includes(key)
    ) {
      problems.push({
        level: 'warning',
        subject: key,
        message: `Annotation ${key} is not one the runbooks plugin reads; known keys are ${RUNBOOKS_ANNOTATIONS.join(
          ', ',
        )}`,
      });
    }
  }
  return problems;
}
