/**
 * Internal helpers of emkit (deterministic chunked parallelism, small dense linear algebra).
 * Public only so that emkit's modules can share them; not API, may change without notice.
 */
package org.emkit.core.internal;
