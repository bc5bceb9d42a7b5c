/** DIS-11, DIS-12 (Art. 135): a session has quorum for a group when three of its members with a vote are present. */
export const QUORUM = 3;
