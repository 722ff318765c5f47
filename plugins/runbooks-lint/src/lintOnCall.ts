import {
  parseOnCallAnnotation,
  parseYamlValue,
  RUNBOOKS_ON_CALL_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { resolveInsideEntityFolder } from '@runbooks-for-backstage/plugin-runbooks-node';
import fs from 'node:fs/promises';
import { annotationLine, EntityScope, report } from './entityScope';

/** The `schedule:` file of `runbooks/on-call`: readable, YAML, with a rotation. */
export async function lintOnCallSchedule(
  scope: EntityScope,
  entityFolder: string,
) {
  const key = RUNBOOKS_ON_CALL_ANNOTATION;
  const source = parseOnCallAnnotation(scope.annotations).value;
  if (source?.provider !== 'schedule') return;
  const line = annotationLine(scope, key);
  const resolved = await resolveInsideEntityFolder(entityFolder, source.target);
  if ('refused' in resolved || !resolved.isFile) {
    report(
      scope,
      'error',
      `${key} schedule:${source.target} ${
        'refused' in resolved ? resolved.refused : 'is not a file'
      }`,
      { line, subject: key },
    );
    return;
  }
  const yaml = parseYamlValue(await fs.readFile(resolved.root, 'utf8'));
  if ('error' in yaml) {
    report(
      scope,
      'error',
      `the on-call schedule is not valid YAML (${yaml.error})`,
      { file: resolved.root, subject: key },
    );
    return;
  }
  const data = yaml.value;
  if (!data || typeof data !== 'object' || !('rotation' in data)) {
    report(
      scope,
      'warning',
      'the on-call schedule has no rotation: (start, every, members)',
      { file: resolved.root, subject: key },
    );
  }
}
