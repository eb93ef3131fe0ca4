package org.jointraft.conformance.io;

/** A child JVM's main for the tests: {@code sleep SECONDS} or {@code exit CODE}. */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args[0].equals("exit")) {
            System.exit(Integer.parseInt(args[1]));
        }
        Thread.sleep(Long.parseLong(args[1]) * 1000);
    }
}
