package org.jointraft.conformance.tlc;

import java.util.List;
import java.util.function.Consumer;

/**
 * Model-checks spec variants: copies the spec files, rewrites the target module (the variant's
 * {@code file:}, else the runner's target file) with the variant's replace/with blocks, and runs
 * TLC with the variant's cfg.
 */
public final class VariantRunner {
    public static final String VARIANT_FOLDER = "variants/";
    public static final String VARIANT_SUFFIX = ".variant";

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

    /** Runs one variant; {@code customize} may add workers, a timeout, a listener. */
    public VariantOutcome run(SpecVariant variant, Consumer<TlcRun.Builder> customize) {
        String file = variant.fileOr(targetFile);
        String broken = variant.applyTo(file, spec.read(file));
        TlcRun.Builder run = TlcRun.of(variant.module()).spec(spec).cfg(variant.cfg()).extraFile(file, broken);
        customize.accept(run);
        return new VariantOutcome(variant, driver.run(run.build()));
    }
}
