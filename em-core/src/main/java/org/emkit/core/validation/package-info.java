/** Argument validation with uniform messages: owner, parameter, constraint and value. */
package org.emkit.core.validation;
