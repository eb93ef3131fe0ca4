package org.jointraft.conformance.validate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jointraft.conformance.tlc.SpecSource;

/** The validator the tests use: the working tree's spec/ when there is one (fresher than ~/.m2), else the classpath's. */
final class Validators {
    private Validators() { }

    static TraceValidator validator() {
        Path tree = Path.of("..", "spec");
        TraceValidator local = TraceValidator.local();
        return Files.isRegularFile(tree.resolve("TraceJointRaft.tla")) ? local.withSpec(SpecSource.directory(tree)) : local;
    }
}
