package org.jointraft.cluster;

import java.util.Arrays;
import java.util.Collection;

/** Which links between nodes {@code 1..n} lose everything: [source][dest]. */
final class Links {

    private final boolean[][] cut;

    Links(int nodes) {
        cut = new boolean[nodes + 1][nodes + 1];
    }

    /** Cuts every link between {@code side} and the other nodes, both ways. */
    void partition(Collection<Integer> side) {
        for (int a = 1; a < cut.length; a++) {
            for (int b = 1; b < cut.length; b++) {
                if (side.contains(a) != side.contains(b)) {
                    cut[a][b] = true;
                }
            }
        }
    }

    /** Cuts every link of {@code node}, both ways. */
    void isolate(int node) {
        for (int other = 1; other < cut.length; other++) {
            cut[node][other] = other != node;
            cut[other][node] = other != node;
        }
    }

    void cutOneWay(int source, int dest) {
        cut[source][dest] = true;
    }

    void heal() {
        for (boolean[] row : cut) {
            Arrays.fill(row, false);
        }
    }

    boolean isCut(int source, int dest) {
        return cut[source][dest];
    }

    boolean any() {
        for (boolean[] row : cut) {
            for (boolean c : row) {
                if (c) {
                    return true;
                }
            }
        }
        return false;
    }
}
