package io.rita.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast reader of RFC 3339 times reads exactly what DateTimeFormatter reads, or leaves it to it. */
class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(strings = {"2022-05-30T13:41:53Z", "2022-05-30T13:41:53.70798519Z", "2022-05-30T15:41:53+02:00",
            "2022-05-30T08:11:53.1-05:30", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+18:00",
            "2024-02-29T12:00:00.000000001-18:00", "2022-05-30T13:41:53+00:00", "2022-05-30T13:41:53.000000001-00:00"})
    void reads_what_rita_and_go_write_as_the_formatter_does(String text) {
        assertThat(Rfc3339.parse(text)).isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    @Test
    void reads_every_time_the_store_writes_back_to_the_same_value() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            OffsetDateTime time = instant.atOffset(offset);
            if (time.getYear() < 0 || time.getYear() > 9999) {
                continue;
            }
            String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);

            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(time);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-05-30T13:41:53", "2022-05-30t13:41:53z", "2022-05-30 13:41:53Z",
            "2022-02-30T00:00:00Z", "2022-05-30T24:00:00Z", "2022-05-30T13:41:53.Z", "2022-05-30T13:41:53.1234567891Z",
            "2022-05-30T13:41:53+2:00", "2022-05-30T13:41:53+19:00", "2022-05-30T13:41:53+02:00:30", "+2022-05-30T13:41Z",
            "22-05-30T13:41:53Z", "2022-05-30T13:41:5xZ", "2022-05-30T13:41:53.0000000001Z", ""})
    void leaves_anything_else_to_the_formatter(String text) {
        assertThat(Rfc3339.parse(text)).isNull();
    }
}
