package io.trawl.script.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How much of the scripts' console this replica keeps ({@code trawl.script-console.*}).
 *
 * @param linesPerScript recent lines kept per script
 * @param maxLineChars   characters kept of one line; the rest is cut
 */
@Validated
@ConfigurationProperties("trawl.script-console")
public record ConsoleSettings(
        @Min(1) @Max(1_000_000) @DefaultValue("1000") int linesPerScript,
        @Min(80) @Max(1_048_576) @DefaultValue("8192") int maxLineChars) {
}
