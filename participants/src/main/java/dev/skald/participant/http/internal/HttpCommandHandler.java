package dev.skald.participant.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skald.participant.CommandContext;
import dev.skald.participant.CommandHandler;
import dev.skald.participant.Reply;
import dev.skald.participant.http.HttpTaskSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Map;

/** Makes the HTTP call of one command and turns the response into the reply. */
public final class HttpCommandHandler implements CommandHandler<JsonNode> {
    /** The header that carries the command id, so that a repeated call can be recognised by the server. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpTaskSettings settings;
    private final Secrets secrets;
    private final HttpClient client;
    private final ObjectMapper json = JsonMapper.builder().build();

    public HttpCommandHandler(HttpTaskSettings settings) {
        this.settings = settings;
        this.secrets = new Secrets(settings.secrets());
        this.client = HttpClient.newBuilder().connectTimeout(settings.callTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public Reply handle(JsonNode command, CommandContext context) throws InterruptedException {
        Request request;
        HttpRequest call;
        try {
            request = Request.of(command);
            call = build(request, context);
        } catch (Request.InvalidRequestException | Secrets.MissingSecretException e) {
            return Reply.failure(e.getMessage());
        }
        return send(request, call);
    }

    private Reply send(Request request, HttpRequest call) throws InterruptedException {
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = client.send(call, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(settings.maxResponseBytes() + 1);
            }
        } catch (HttpTimeoutException e) {
            return Reply.retry(request.describe() + " timed out after " + settings.callTimeout().toMillis() + " ms");
        } catch (IOException e) {
            return Reply.retry(request.describe() + " failed: " + e);
        }
        int status = response.statusCode();
        if (body.length > settings.maxResponseBytes()) {
            return Reply.failure(request.describe() + " answered " + status + " with a body over "
                    + settings.maxResponseBytes() + " bytes, more than a step's output may hold");
        }
        if (request.successCodes().contains(status)) {
            return Reply.success(Responses.output(status, response.headers(), body, request.conductor(), json));
        }
        String error = "HTTP " + status + " from " + request.describe() + ": " + Responses.excerpt(body);
        return Responses.retriable(status) ? Reply.retry(error) : Reply.failure(error);
    }

    private HttpRequest build(Request request, CommandContext context)
            throws Request.InvalidRequestException, Secrets.MissingSecretException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request)).timeout(settings.callTimeout())
                .method(request.method(), body(request));
        boolean keyed = false;
        boolean typed = false;
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            keyed |= name.equals(IDEMPOTENCY_KEY.toLowerCase(Locale.ROOT));
            typed |= name.equals("content-type");
            try {
                builder.header(header.getKey(), secrets.resolve(header.getValue()));
            } catch (IllegalArgumentException e) {
                throw new Request.InvalidRequestException("header '" + header.getKey() + "' can't be set: "
                        + e.getMessage());
            }
        }
        if (!keyed) {
            builder.header(IDEMPOTENCY_KEY, context.idempotencyKey());
        }
        if (!typed && request.body() != null && !request.body().isTextual()) {
            builder.header("Content-Type", "application/json");
        }
        return builder.build();
    }

    private URI uri(Request request) throws Request.InvalidRequestException, Secrets.MissingSecretException {
        String url = secrets.resolve(request.url());
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            throw new Request.InvalidRequestException("the url of " + request.describe() + " is not a URL: "
                    + e.getReason());
        }
        throw new Request.InvalidRequestException("the url of " + request.describe()
                + " is not an absolute http or https URL");
    }

    private HttpRequest.BodyPublisher body(Request request) throws Secrets.MissingSecretException {
        if (request.body() == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        if (request.body().isTextual()) {
            return HttpRequest.BodyPublishers.ofString(secrets.resolve(request.body().textValue()));
        }
        return HttpRequest.BodyPublishers.ofString(secrets.resolve(request.body().toString(), Secrets::jsonEscaped));
    }
}
