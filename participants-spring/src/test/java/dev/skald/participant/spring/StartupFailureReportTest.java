package dev.skald.participant.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skald.participant.Reply;
import dev.skald.participant.spring.internal.ParticipantSetupFailureAnalyzer;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.util.StringUtils;

/** What an application with a bad handler prints when it fails to start: Spring Boot's failure analysis. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {

    record Stock(String sku) {
    }

    @SkaldParticipant("inventory")
    static class Inventory {
        @HandlesCommand("ReserveStock")
        Reply reserve(Stock stock) {
            return Reply.success();
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Inventory.class)
    static class InventoryApplication {
    }

    @Test
    void theStarterIsRegisteredWithSpringBoot() throws IOException {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(SkaldParticipantsAutoConfiguration.class.getName());
        List<String> analyzers = new ArrayList<>();
        for (URL factories : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            String names = PropertiesLoaderUtils.loadProperties(new UrlResource(factories))
                    .getProperty(FailureAnalyzer.class.getName(), "");
            analyzers.addAll(StringUtils.commaDelimitedListToSet(StringUtils.trimAllWhitespace(names)));
        }
        assertThat(analyzers).contains(ParticipantSetupFailureAnalyzer.class.getName());
    }

    @Test
    void anApplicationWithoutBootstrapServersFailsWithADescriptionAndAnAction(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(InventoryApplication.class)
                .web(WebApplicationType.NONE).properties(Map.of("spring.main.banner-mode", "off")).run().close());

        assertThat(failure).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("participant inventory (ReserveStock -> " + Inventory.class.getName()
                        + ".reserve(Stock) of bean")
                .contains("bootstrap.servers is required")
                .contains("Action:")
                .contains("skald.participants.inventory.bootstrap.servers");
    }
}
