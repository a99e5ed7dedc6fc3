/** Implementation of saga-core. Not an API: nothing outside saga-core may use it, and it changes without notice. */
package dev.skald.saga.internal;
