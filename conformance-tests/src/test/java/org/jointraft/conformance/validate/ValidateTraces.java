package org.jointraft.conformance.validate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: any test with a {@link TraceFiles} parameter gets its simulated cluster's traces
 * validated by TLC after it passes; a rejected trace fails the test with the diagnosis. The traces of
 * a failing or rejected test are kept (their folder is in the failure message); others are deleted.
 *
 * <pre>{@code
 * @ExtendWith(ValidateTraces.class)
 * class MyClusterTest {
 *     @Test
 *     void leaderSurvivesPartitions(TraceFiles traces) throws IOException {
 *         SimResult r = Simulator.run(SimOptions.defaults(3).withFaults(Fault.all()).withTrace(traces.next("run")));
 *         assertThat(r.safe()).isTrue();
 *     }
 * }
 * }</pre>
 */
public final class ValidateTraces implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ValidateTraces.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TraceFiles.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent(TraceFiles.class, k -> {
            try {
                return new TraceFiles(Files.createTempDirectory("jointraft-test-traces-"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, TraceFiles.class);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        TraceFiles traces = context.getStore(NS).remove(TraceFiles.class, TraceFiles.class);
        if (traces == null || context.getExecutionException().isPresent()) {
            return;
        }
        traces.validateAll(Validators.validator());
        for (Path p : traces.files()) {
            Files.deleteIfExists(p);
        }
        if (!traces.files().isEmpty()) {
            Files.deleteIfExists(traces.files().get(0).getParent());
        }
    }
}
