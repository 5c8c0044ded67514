// Public surface of the competency domain: dimensions, rating combination, quadrants, mentor pairing.
export * from './dimensions';
export * from './combine';
export * from './classify';
export * from './mentors';
export { classify } from './classify';
export { pairMentors } from './mentors';
