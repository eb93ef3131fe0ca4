package org.jointraft.conformance.tlc;

/**
 * The size of the search TLC made.
 *
 * @param statesGenerated states generated (TLC message 2199; 0 when TLC did not report it)
 * @param distinctStates  distinct states found
 * @param depth           depth of the state graph search (message 2194), or the last progress depth
 * @param seconds         wall-clock time of the whole TLC process, JVM start included
 */
public record TlcStats(long statesGenerated, long distinctStates, long depth, double seconds) {
}
