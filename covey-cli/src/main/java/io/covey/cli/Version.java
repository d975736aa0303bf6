package io.covey.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code covey --version}: the CLI's version from its jar's manifest, and the Java that runs it. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = CoveyCli.class.getPackage().getImplementationVersion();
        return new String[] {"covey " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
