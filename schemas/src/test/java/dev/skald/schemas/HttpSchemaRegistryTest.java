package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaStart;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryTest {

    private static final String SECRET = "s3cret-Pa55";
    private static final Schema START = SagaStart.getClassSchema();

    private final FakeSchemaRegistry fake = FakeSchemaRegistry.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void registersASchemaAndFetchesItById() throws Exception {
        int id = client(Map.of()).register("skald.saga-starts-value", START);

        Schema fetched = client(Map.of()).schemaById(id);

        assertThat(fetched).isEqualTo(START);
        FakeSchemaRegistry.Request register = fake.requests().get(0);
        assertThat(register.method()).isEqualTo("POST");
        assertThat(register.path()).isEqualTo("/subjects/skald.saga-starts-value/versions");
        assertThat(register.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(new ObjectMapper().readTree(register.body()).get("schema").asText()).isEqualTo(START.toString());
        assertThat(fake.requests().get(1).path()).isEqualTo("/schemas/ids/" + id);
    }

    @Test
    void registeringIsIdempotent() {
        int first = client(Map.of()).register("starts-value", START);
        int again = client(Map.of()).register("starts-value", START);
        int other = client(Map.of()).register("replies-value", SagaReply.getClassSchema());

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void asksTheRegistryOncePerSchema() {
        SchemaRegistry writer = client(Map.of());
        int id = writer.register("starts-value", START);
        writer.register("starts-value", START);
        writer.lookup("starts-value", START);
        writer.schemaById(id);
        SchemaRegistry reader = client(Map.of());
        reader.schemaById(id);
        reader.schemaById(id);

        assertThat(fake.requests()).extracting(FakeSchemaRegistry.Request::method).containsExactly("POST", "GET");
    }

    @Test
    void looksUpWithoutRegistering() {
        SchemaRegistry registry = client(Map.of());

        assertThatThrownBy(() -> registry.lookup("starts-value", START))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining(fake.url()).hasMessageContaining("'starts-value'").hasMessageContaining("404");
        int id = client(Map.of()).register("starts-value", START);
        assertThat(registry.lookup("starts-value", START)).isEqualTo(id);
        assertThat(fake.requests().get(0).path()).isEqualTo("/subjects/starts-value");
    }

    @Test
    void retriesAfterA503() {
        fake.failNext(503, 1);

        int id = client(Map.of()).register("starts-value", START);

        assertThat(id).isPositive();
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void givesUpAfterItsRetriesNamingUrlSubjectAndStatus() {
        fake.failNext(503, 10);

        assertThatThrownBy(() -> client(Map.of(AvroSerdeConfig.MAX_RETRIES, 2)).register("starts-value", START))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining(fake.url()).hasMessageContaining("'starts-value'")
                .hasMessageContaining("3 attempts").hasMessageContaining("HTTP 503");
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void retriesWhenTheRegistryCannotBeReached() {
        String deadUrl = deadUrl();

        Throwable thrown = catchThrowable(() -> SchemaRegistries.create(deadUrl, fastRetries(Map.of()))
                .schemaById(1));

        assertThat(thrown).isInstanceOf(SchemaRegistryException.class)
                .isNotInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining(deadUrl).hasMessageContaining("id 1").hasMessageContaining("4 attempts");
    }

    @Test
    void movesToTheNextUrlWhenOneFails() {
        SchemaRegistry registry = SchemaRegistries.create(deadUrl() + "," + fake.url(), fastRetries(Map.of()));

        assertThat(registry.register("starts-value", START)).isPositive();
        assertThat(registry.url()).endsWith("," + fake.url());
        SchemaRegistry withoutRetries = SchemaRegistries.create(deadUrl() + "," + fake.url(),
                fastRetries(Map.of(AvroSerdeConfig.MAX_RETRIES, 0)));
        assertThat(withoutRetries.lookup("starts-value", START)).isPositive();
    }

    @Test
    void sendsBasicAuthCredentials() {
        String expected = "Basic " + base64("skald:" + SECRET);
        fake.requireAuthorization(expected);

        int id = client(Map.of(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "skald:" + SECRET)).register("s-value", START);

        assertThat(id).isPositive();
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(expected));
    }

    @Test
    void sendsBasicAuthFromTheUrlAndNeverShowsIt() {
        String expected = "Basic " + base64("skald:" + SECRET);
        fake.requireAuthorization(expected);
        String url = "http://skald:" + SECRET + "@127.0.0.1:" + fake.port();

        SchemaRegistry registry = SchemaRegistries.create(url, fastRetries(Map.of()));

        assertThat(registry.register("s-value", START)).isPositive();
        assertThat(registry.url()).isEqualTo(fake.url()).doesNotContain(SECRET);
        Throwable missing = catchThrowable(() -> registry.schemaById(99));
        assertThat(fullText(missing)).contains(fake.url()).doesNotContain(SECRET);
    }

    @Test
    void sendsABearerToken() {
        fake.requireAuthorization("Bearer " + SECRET);

        int id = client(Map.of(AvroSerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN",
                AvroSerdeConfig.BEARER_AUTH_TOKEN, SECRET)).register("s-value", START);

        assertThat(id).isPositive();
    }

    @Test
    void reportsAnUnknownIdClearlyWithoutCredentials() {
        SchemaRegistry registry = client(Map.of(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "skald:" + SECRET));

        Throwable thrown = catchThrowable(() -> registry.schemaById(99));

        assertThat(thrown).isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining(fake.url()).hasMessageContaining("schema id 99")
                .hasMessageContaining("HTTP 404").hasMessageContaining("40403");
        assertThat(fullText(thrown)).doesNotContain(SECRET).doesNotContain(base64("skald:" + SECRET));
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void reportsRefusedCredentialsWithoutRetryingOrShowingThem() {
        fake.requireAuthorization("Basic " + base64("skald:right"));
        SchemaRegistry registry = client(Map.of(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "skald:" + SECRET));

        Throwable thrown = catchThrowable(() -> registry.register("s-value", START));

        assertThat(thrown).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("basic.auth.user.info");
        assertThat(fullText(thrown)).doesNotContain(SECRET);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void timesOutASilentRegistry() {
        fake.hang();
        SchemaRegistry registry = client(Map.of(AvroSerdeConfig.HTTP_READ_TIMEOUT_MS, 200,
                AvroSerdeConfig.MAX_RETRIES, 0));

        assertThatThrownBy(() -> registry.schemaById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("TimeoutException").hasMessageContaining("timed out").hasMessageContaining(fake.url());
    }

    @Test
    void refusesUnsupportedUrlsWithoutShowingCredentials() {
        Throwable thrown = catchThrowable(() ->
                SchemaRegistries.create("ftp://skald:" + SECRET + "@registry:21", Map.of()));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://registry:21").hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesBasicAndBearerAuthTogether() {
        assertThatThrownBy(() -> client(Map.of(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "a:b",
                AvroSerdeConfig.BEARER_AUTH_TOKEN, SECRET)))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining(SECRET);
    }

    @Test
    void servesTheAvroSerdeEndToEnd() {
        Map<String, Object> config = fastRetries(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, fake.url()));
        byte[] bytes = AvroSerdes.of(SagaStart.class, config).serialize("starts", WireSamples.sagaStart());

        SagaStart read = AvroSerdes.of(SagaStart.class, config).deserialize("starts", bytes);

        assertThat(read).isEqualTo(WireSamples.sagaStart());
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(client(Map.of()).lookup("starts-value", START));
    }

    @Test
    void turnsAnUnknownIdIntoASerializationExceptionButNotAnOutage() {
        Map<String, Object> config = fastRetries(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, fake.url()));
        AvroSerde<SagaStart> serde = AvroSerdes.of(SagaStart.class, config);
        byte[] unknown = {0, 0, 0, 0, 42, 2, 'x'};

        assertThatThrownBy(() -> serde.deserialize("starts", unknown)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 42");
        fake.failNext(503, 10);
        assertThatThrownBy(() -> serde.deserialize("starts", unknown))
                .isInstanceOf(SchemaRegistryException.class).isNotInstanceOf(SerializationException.class);
    }

    private SchemaRegistry client(Map<String, Object> config) {
        return SchemaRegistries.create(fake.url(), fastRetries(config));
    }

    private static Map<String, Object> fastRetries(Map<String, Object> config) {
        Map<String, Object> withRetries = new HashMap<>();
        withRetries.put(AvroSerdeConfig.RETRIES_WAIT_MS, 1);
        withRetries.put(AvroSerdeConfig.RETRIES_MAX_WAIT_MS, 5);
        withRetries.putAll(config);
        return withRetries;
    }

    private static String deadUrl() {
        FakeSchemaRegistry stopped = FakeSchemaRegistry.start();
        stopped.close();
        return stopped.url();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String fullText(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
