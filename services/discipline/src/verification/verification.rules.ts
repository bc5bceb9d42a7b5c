/** DIS-17, DIS-24: the public address printed on every discipline document with a verification code. */
export const verificationPath = (code: string): string => `/api/v1/discipline/public/certificates/${code}`;
