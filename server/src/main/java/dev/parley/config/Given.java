package dev.parley.config;

/**
 * Text for a setting, and where it was written: a file path, a variable or a flag.
 *
 * @param source {@code null} for the default
 */
record Given(Setting<?> setting, String text, String source) {}
