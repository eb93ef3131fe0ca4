package org.jointraft.conformance.scenario;

import java.util.List;
import java.util.Optional;

/** Every named scenario, in the order {@code jointraft scenario --list} shows them. */
public final class Catalogue {

    private Catalogue() {
    }

    public static List<Scenario> all() {
        return List.of(
                SeedScenarios.parallelChangeMembership(),
                SeedScenarios.parallelReplaceAll(),
                SeedScenarios.pivotUnreliableNode(false),
                SeedScenarios.pivotUnreliableNode(true),
                FaultScenarios.removeLeader(),
                FaultScenarios.removedLeaderLosesItsTerm(),
                FaultScenarios.addLearnerThenPromote(),
                FaultScenarios.partitionDuringJoint(),
                FaultScenarios.leaderCrashBetweenSteps(),
                FaultScenarios.guardedConcurrentChange(),
                SnapshotScenarios.jointSnapshotCatchUp(),
                SnapshotScenarios.installDiscardsStaleMembership());
    }

    public static Optional<Scenario> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(Scenario::name).toList();
    }
}
