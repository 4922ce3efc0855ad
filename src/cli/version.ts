/** tifcheck's version, as reports record it. */
export const VERSION = '0.1.0';
