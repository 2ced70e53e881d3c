/**
 * The compiled world: what the server serves from and the testbed tests against, made once by
 * {@code dev.geodns.config.WorldCompiler} from a validated world. Holds the rules that need no
 * error reporting (the cloud {@link dev.geodns.config.compiled.Fence}, name patterns, the lab
 * plan's longest-prefix match) and the immutable result ({@link
 * dev.geodns.config.compiled.CompiledWorld}). Depends only on {@code config.model} and
 * {@code config.latency}, so that the loader may depend on it without a cycle.
 */
package dev.geodns.config.compiled;
