/** Names under which imported advisories are credited (`source.authority`). */
export const US_STATE_DEPT = 'U.S. Department of State';
export const UK_FCDO = 'UK Foreign, Commonwealth & Development Office';
export const CANADA = 'Global Affairs Canada';
