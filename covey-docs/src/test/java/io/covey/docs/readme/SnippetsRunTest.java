package io.covey.docs.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerOptions;
import io.covey.engine.CoveyManager;

/** The README's long-running worker does what the README says, in a manager of its own (a thread, to stay quick). */
class SnippetsRunTest {
    @Test
    void theEchoWorkerEchoesUntilStopped() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (CoveyManager manager = CoveyManager.builder(CoveyManifest.of(Echo.class)).noForeignChildren().build()) {
            String id = manager.runGroup(new CoveyGroup("echo", List.of(
                    new Echo(new Echo.Params(port)).setOptions(WorkerOptions.NONE.withForeign(false))))).started().get(0);
            await().until(() -> manager.worker(id).state() == WorkerState.RUNNING);

            try (Socket client = new Socket("127.0.0.1", port)) {
                OutputStream out = client.getOutputStream();
                out.write("hello\n".getBytes(StandardCharsets.UTF_8));
                client.shutdownOutput();
                InputStream in = client.getInputStream();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
            }

            manager.stopGroup("echo");
            await().until(() -> manager.worker(id).state() == WorkerState.STOPPED);
        }
    }

    @Test
    void theShouterPublishesWhatItIsSentInCapitalsInOrder() {
        try (CoveyManager manager = CoveyManager.builder(CoveyManifest.of(Shouter.class)).noForeignChildren().build()) {
            java.util.List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
            manager.subscribe(io.covey.core.event.EventFilter.ALL, event -> {
                if (event instanceof io.covey.core.event.DataEvent data) {
                    published.add(data.data().asString());
                }
            });
            String id = manager.runGroup(new CoveyGroup("loud", List.of(
                    new Shouter(new Shouter.Params()).setOptions(WorkerOptions.NONE.withForeign(false))))).started().get(0);
            await().until(() -> manager.worker(id).state() == WorkerState.RUNNING);

            manager.send(id, new Shouter.Say("hello"));
            manager.send(id, new Shouter.Say("again"));
            manager.send(id, new byte[] {1, 2, 3});

            await().until(() -> published.size() == 2);
            assertThat(published).containsExactly("HELLO", "AGAIN");
            await().until(() -> manager.logs(id, 10).stream().anyMatch(l -> l.line().equals("ignored 3 bytes")));
        }
    }
}
