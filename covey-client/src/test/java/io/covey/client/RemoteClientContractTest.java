package io.covey.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.covey.core.api.CoveyOperations;

/** The same contract against {@link CoveyClient} and a real host on a random port. */
class RemoteClientContractTest extends CoveyOperationsContract {
    private static TestHost host;
    private static CoveyClient client;

    @BeforeAll
    static void start() {
        host = TestHost.start();
        client = new CoveyClient(CoveyClientSettings.of(host.baseUrl()));
    }

    @AfterAll
    static void stop() {
        client.close();
        host.close();
    }

    @Override
    CoveyOperations operations() {
        return client;
    }
}
