package org.jointraft.conformance.tlc;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Model-checks spec variants: copies the spec files, rewrites the target module (the variant's
 * {@code file:}, else the runner's target file) with the variant's replace/with blocks, and runs
 * TLC with the variant's cfg, breadth-first or, with a {@code search: simulate} header, in TLC's
 * simulation mode for at most {@link #SIMULATION_LIMIT}.
 */
public final class VariantRunner {
    public static final String VARIANT_FOLDER = "variants/";
    public static final String VARIANT_SUFFIX = ".variant";
    /**
     * How long a simulation run may search before the variant counts as not caught (simulation never ends by
     * itself). A run's own {@code customize} may set another limit.
     */
    public static final Duration SIMULATION_LIMIT = Duration.ofSeconds(60);

    private final TlcDriver driver;
    private final SpecSource spec;
    private final String targetFile;

    /** Variants of JointRaft.tla in the project's spec. */
    public VariantRunner(TlcDriver driver) {
        this(driver, SpecSource.projectSpec(), "JointRaft.tla");
    }

    public VariantRunner(TlcDriver driver, SpecSource spec, String targetFile) {
        this.driver = driver;
        this.spec = spec;
        this.targetFile = targetFile;
    }

    /** The names of every variant file in the spec ("ApplyOnCommit"), sorted. */
    public List<String> variantNames() {
        return spec.fileNames().stream()
                .filter(n -> n.startsWith(VARIANT_FOLDER) && n.endsWith(VARIANT_SUFFIX))
                .map(n -> n.substring(VARIANT_FOLDER.length(), n.length() - VARIANT_SUFFIX.length()))
                .filter(n -> !n.contains("/"))
                .sorted().toList();
    }

    public SpecVariant load(String name) {
        return SpecVariant.parse(name, spec.read(VARIANT_FOLDER + name + VARIANT_SUFFIX));
    }

    public VariantOutcome run(SpecVariant variant) {
        return run(variant, b -> { });
    }

    /**
     * Runs one variant; {@code customize} may add workers, a timeout, a listener. A simulation run also gets
     * {@code -deadlock}: every behaviour of a bounded model ends in a state without successors, which is not what
     * a variant is checked for.
     */
    public VariantOutcome run(SpecVariant variant, Consumer<TlcRun.Builder> customize) {
        String file = variant.fileOr(targetFile);
        String broken = variant.applyTo(file, spec.read(file));
        TlcRun.Builder run = TlcRun.of(variant.module()).spec(spec).cfg(variant.cfg()).extraFile(file, broken);
        SpecVariant.Search search = variant.search();
        if (search.simulate()) {
            run.tlcOptions(search.tlcOptions().toArray(String[]::new)).noDeadlockCheck().timeout(SIMULATION_LIMIT);
        }
        customize.accept(run);
        return new VariantOutcome(variant, driver.run(run.build()));
    }
}
