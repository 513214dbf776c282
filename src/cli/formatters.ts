/** The report formats; they live in ./formats, one module each. */
export * from './formats';
