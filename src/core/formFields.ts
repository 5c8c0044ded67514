// Field ids of the forms channels render (Slack modals, Teams cards): the channels take the competency
// dimensions from here so they never import the domain, and the list exists once.
export { ABILITY_DIMENSIONS, COGNITION_DIMENSIONS, DIMENSIONS } from '../domain/quadrant/dimensions';

/** Scores a rater may pick: 1–5 in halves. */
export const SCORE_CHOICES = ['1', '1.5', '2', '2.5', '3', '3.5', '4', '4.5', '5'] as const;
