/** The Firebreak version the API reports. */
export const VERSION = '0.1.0';
