/**
 * Shared annotation keys, types, permissions, schemas and parsers of Runbooks for Backstage.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './types';
export * from './permissions';
export * from './duration';
export * from './location';
export * from './markdown/index';
export * from './frontMatter';
export * from './review';
export * from './reviewDecision';
export * from './runbookId';
export * from './paths';
export * from './runbookIndex';
export * from './escalation';
export * from './alertsAnnotation';
export * from './alertPattern';
export * from './yaml';
export * from './onCallAnnotation';
export * from './validateAnnotations';
export * from './reviewDates';
export * from './searchDocument';
export * from './alertRules';
export * from './apiTypes';
export * from './snapshot/types';
export * from './snapshot/alertMappings';
export * from './snapshot/buildEntitySnapshot';
export * from './standards/index';
