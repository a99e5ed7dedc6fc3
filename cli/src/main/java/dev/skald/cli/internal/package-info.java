/** The CLI's internals: the REST client, output, and the Kafka tools behind dead letters and rebuilds. */
package dev.skald.cli.internal;
