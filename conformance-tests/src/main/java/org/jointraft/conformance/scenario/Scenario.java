package org.jointraft.conformance.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jointraft.core.Membership;

/**
 * A scripted cluster run: which nodes exist and start with which membership, a script that drives them (faults,
 * client calls, waits; see {@link ScenarioDriver}), and the checks its outcome must pass.
 *
 * <pre>{@code
 * Scenario.named("remove-leader", "the leader removes itself")
 *     .nodes(3).bootstrap(Membership.of(1, 2, 3))
 *     .script(d -> { int l = d.awaitLeader(); d.awaitDone(d.change("remove", l, removeVoters(l))); })
 *     .expect("the call succeeds", o -> o.call("remove").result().equals("ok"));
 * }</pre>
 */
public final class Scenario {

    /** A check of the outcome; {@code detail} explains a failure (e.g. what was found instead). */
    public record Check(String description, Predicate<ScenarioOutcome> test, java.util.function.Function<ScenarioOutcome, String> detail) {
    }

    /** What a script does to the cluster. */
    @FunctionalInterface
    public interface Script {
        void run(ScenarioDriver driver);
    }

    private final String name;
    private final String description;
    private int nodes = 3;
    private Membership bootstrap = Membership.of(1, 2, 3);
    private long seed = 1;
    private Script script = d -> { };
    private final List<Check> checks = new ArrayList<>();

    private Scenario(String name, String description) {
        this.name = Objects.requireNonNull(name);
        this.description = Objects.requireNonNull(description);
    }

    public static Scenario named(String name, String description) {
        return new Scenario(name, description);
    }

    public Scenario nodes(int n) {
        this.nodes = n;
        return this;
    }

    public Scenario bootstrap(Membership m) {
        this.bootstrap = m;
        return this;
    }

    /** The seed of the network delays and node timeouts (fixed per scenario, so a scenario always runs alike). */
    public Scenario seed(long s) {
        this.seed = s;
        return this;
    }

    public Scenario script(Script s) {
        this.script = s;
        return this;
    }

    public Scenario expect(String description, Predicate<ScenarioOutcome> test) {
        return expect(description, test, o -> "");
    }

    /** A check with an explanation of what was found when it fails. */
    public Scenario expect(String description, Predicate<ScenarioOutcome> test,
            java.util.function.Function<ScenarioOutcome, String> detail) {
        checks.add(new Check(description, test, detail));
        return this;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public int nodeCount() {
        return nodes;
    }

    public Membership bootstrapMembership() {
        return bootstrap;
    }

    public long seedValue() {
        return seed;
    }

    Script scriptBody() {
        return script;
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }
}
