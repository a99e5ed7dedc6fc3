/**
 * The {@code skald} operator command line: {@link dev.skald.cli.SkaldCli} and its commands. It talks to the REST API
 * for definitions and sagas, and to the topics for dead letters and rebuilds.
 */
package dev.skald.cli;
