package dev.geodns.testbed.runner;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains and restores sites of a server the testbed did not start, through its admin API
 * ({@code POST /sites/{id}/drain}, {@code /restore}), with the admin token when one is given.
 */
final class AdminClient {
    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param url the admin API's base URL, e.g. {@code http://127.0.0.1:9153}
     * @param token the bearer token, or null
     */
    AdminClient(String url, String token) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        URI.create(base); // a malformed URL fails here, before the run starts
    }

    void drain(String siteId) throws IOException, InterruptedException {
        post("/sites/" + URLEncoder.encode(siteId, StandardCharsets.UTF_8) + "/drain");
    }

    void restore(String siteId) throws IOException, InterruptedException {
        post("/sites/" + URLEncoder.encode(siteId, StandardCharsets.UTF_8) + "/restore");
    }

    String describe() {
        return base;
    }

    private void post(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach the admin API at " + base + ": " + e.getMessage(), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("the admin API at " + base + " answered POST " + path + " with "
                    + response.statusCode() + ": " + response.body().strip());
        }
    }
}
