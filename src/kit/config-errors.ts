import { SluiceError } from '../core/errors.js';

/** Something the kit cannot do with the project as it is (bad config, unreadable files, broken folders). */
export class KitError extends SluiceError {}

/** The config file is missing, cannot be loaded, or holds a bad value; the message names the field. */
export class ConfigError extends KitError {}

/** A schema file cannot be found or loaded, or exports something the kit cannot read. */
export class SchemaLoadError extends KitError {}
