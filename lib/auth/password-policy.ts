// Password rules shared by the server (hashing, validation) and forms in the browser, so this file must stay
// free of server imports.
export const MIN_PASSWORD_LENGTH = 12;
// Long inputs only cost argon2 time; 256 characters is far beyond any passphrase.
export const MAX_PASSWORD_LENGTH = 256;
