/** Headroom reports: terminal summary, findings JSON and the single-file HTML report. */
package dev.headroom.report;
