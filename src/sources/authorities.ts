/** Names under which imported advisories are credited (`source.authority`). */
export const US_STATE_DEPT = 'U.S. Department of State';
