/** Version of the model file format this library writes, and the newest it reads. */
export const FORMAT_VERSION = 1;
