/** Headroom analysis: SLO verdicts, bottleneck and causal chain, headroom, knee, operational laws, comparison. */
package dev.headroom.analysis;
