// Everything a team changes to point the sample at their own cloud, in one place.

/** The cloud environment id from the Cloud Development console (e.g. "prod-3g5x1a2b3c4d5e6f"). */
export const CLOUD_ENV = 'your-env-id'

/** The cloud function's folder name under cloudfunctions/. */
export const OCR_FUNCTION_NAME = 'ocrPrintedText'
