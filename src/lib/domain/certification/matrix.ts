// The trainer home's cohort matrices show one page of a cohort's trainees at a time; each cohort pages on its own
// query parameter, so the links of one matrix keep the pages of the others.

/** Trainees per page of a cohort's matrix on the trainer home. */
export const MATRIX_ROWS_PER_PAGE = 20;

/** The query parameter of a cohort's matrix page (`?rows<cohort id>=N`). */
export const matrixPageParam = (cohortId: number) => `rows${cohortId}`;
