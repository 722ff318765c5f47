import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { ReactNode } from 'react';

/** What every entity overview card of the suite takes. */
export type EntityCardFrame = {
  title: string;
  variant?: InfoCardVariants;
  deepLink?: { title: string; link: string };
};

/** A card for an entity that lacks the annotations it needs, naming them. */
export function MissingAnnotationCard(
  props: EntityCardFrame & { annotation: string | string[] },
) {
  const { annotation, ...frame } = props;
  return (
    <InfoCard {...frame}>
      <MissingAnnotationEmptyState annotation={annotation} />
    </InfoCard>
  );
}

/**
 * A card over one answer of the backend: the error when it failed, progress
 * while the first answer is on its way, then `children` of the answer.
 */
export function EntityAnswerCard<T>(
  props: EntityCardFrame & {
    answer: { value?: T; loading: boolean; error?: Error };
    children: (value: T) => ReactNode;
  },
) {
  const { answer, children, ...frame } = props;
  const { value, loading, error } = answer;
  return (
    <InfoCard {...frame}>
      {error && <ResponseErrorPanel error={error} />}
      {!error && value === undefined && loading && <Progress />}
      {!error && value !== undefined && children(value)}
    </InfoCard>
  );
}
