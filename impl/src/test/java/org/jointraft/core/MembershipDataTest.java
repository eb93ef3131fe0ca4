package org.jointraft.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jointraft.datadriven.Command;
import org.jointraft.datadriven.DataDriven;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The membership algebra as golden files, one test per file of {@code src/test/resources/testdata/membership}
 * (see {@link DataDriven} for the format; {@code mvn test -pl impl -Dtest=MembershipDataTest -Drewrite=true}
 * regenerates the outputs). Memberships and changes are written as {@link MembershipText} reads them; a rejected
 * membership or change prints {@code error PROBLEM: message}. Commands:
 * <ul>
 * <li>{@code membership M}: M, whether it is joint, its voters, learners, members and last voter set</li>
 * <li>{@code quorum M S...}: for each node set S whether it is a quorum of M</li>
 * <li>{@code coherent M N}: whether M and N share a voter set</li>
 * <li>{@code next M goal=S [learners=S]}: {@code nextCoherent}</li>
 * <li>{@code goal M CHANGES [retain]}: the uniform goal of the changes</li>
 * <li>{@code change M CHANGES [retain]}: what one step of change_membership proposes</li>
 * <li>{@code steps M CHANGES [retain]}: the steps of change_membership, each from the last, until uniform</li>
 * </ul>
 */
class MembershipDataTest {

    @TestFactory
    Stream<DynamicTest> membershipAlgebra() {
        return DataDriven.tests(Path.of("src/test/resources/testdata/membership"), () -> MembershipDataTest::run);
    }

    static String run(Command c) {
        try {
            return switch (c.name()) {
                case "membership" -> describe(MembershipText.membership(c.positional(0)));
                case "quorum" -> quorum(c);
                case "coherent" -> MembershipText.membership(c.positional(0))
                        .isCoherentWith(MembershipText.membership(c.positional(1))) ? "coherent" : "not coherent";
                case "next" -> next(c).toString();
                case "goal" -> MembershipText.membership(c.positional(0))
                        .goal(MembershipText.changes(c), c.has("retain")).toString();
                case "change" -> MembershipText.membership(c.positional(0))
                        .change(MembershipText.changes(c), c.has("retain")).toString();
                case "steps" -> steps(c);
                default -> throw c.problem("unknown command");
            };
        } catch (MembershipException e) {
            return MembershipText.error(e);
        }
    }

    private static String describe(Membership m) {
        return m + "\njoint: " + m.isJoint() + "\nvoters: " + MembershipText.braces(m.voters()) + "\nlearners: "
                + MembershipText.braces(m.learners()) + "\nmembers: " + MembershipText.braces(m.members())
                + "\nlast config: " + MembershipText.braces(m.lastConfig());
    }

    private static String quorum(Command c) {
        Membership m = MembershipText.membership(c.positional(0));
        StringBuilder out = new StringBuilder();
        for (Command.Arg a : c.args().subList(1, c.args().size())) {
            Set<Integer> nodes = MembershipText.set(a.key());
            out.append(MembershipText.braces(nodes)).append(m.isQuorum(nodes) ? ": quorum\n" : ": no quorum\n");
        }
        return out.toString();
    }

    private static Membership next(Command c) {
        Membership m = MembershipText.membership(c.positional(0));
        Set<Integer> goal = MembershipText.set(c.arg("goal"));
        return c.optional("learners").isPresent() ? m.nextCoherent(goal, MembershipText.set(c.arg("learners")))
                : m.nextCoherent(goal);
    }

    private static String steps(Command c) {
        Membership m = MembershipText.membership(c.positional(0));
        List<MembershipChange> changes = MembershipText.changes(c);
        StringBuilder out = new StringBuilder();
        for (int step = 1; step <= 2; step++) {
            m = m.change(changes, c.has("retain"));
            out.append("step ").append(step).append(": ").append(m).append('\n');
            if (!m.isJoint()) {
                return out.toString();
            }
        }
        return out + "still joint after two steps";
    }
}
