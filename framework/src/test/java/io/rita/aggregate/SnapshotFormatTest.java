package io.rita.aggregate;

import io.rita.types.Encoded;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A snapshot's bytes: what is written is read back exactly, and anything else is refused with why. */
class SnapshotFormatTest {

    private static final int MAGIC = 0x52534e32;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reads_back_the_state_and_the_recent_commands_with_their_events() {
        SnapshotFormat.Parts parts = new SnapshotFormat.Parts("com.example.Balance", "json", bytes("{\"amount\":5}"),
                List.of(new SnapshotFormat.Command("c-1", 3, List.of(new Encoded("deposited", 1, "json", bytes("{}")),
                                new Encoded("withdrawn", 2, "binary", new byte[] {1, 2}))),
                        new SnapshotFormat.Command("c-2", 4, List.of())));

        SnapshotFormat.Parts read = SnapshotFormat.decode(SnapshotFormat.encode(parts));

        assertThat(read.stateType()).isEqualTo("com.example.Balance");
        assertThat(read.codec()).isEqualTo("json");
        assertThat(read.state()).isEqualTo(bytes("{\"amount\":5}"));
        assertThat(read.recent()).hasSize(2);
        assertThat(read.recent().get(0).id()).isEqualTo("c-1");
        assertThat(read.recent().get(0).sequence()).isEqualTo(3);
        assertThat(read.recent().get(0).events()).extracting(Encoded::type, Encoded::version, Encoded::codec)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("deposited", 1, "json"),
                        org.assertj.core.groups.Tuple.tuple("withdrawn", 2, "binary"));
        assertThat(read.recent().get(0).events().get(1).data()).isEqualTo(new byte[] {1, 2});
        assertThat(read.recent().get(1)).isEqualTo(new SnapshotFormat.Command("c-2", 4, List.of()));
    }

    @Test
    void an_empty_state_and_no_recent_commands_round_trip() {
        SnapshotFormat.Parts read = SnapshotFormat.decode(SnapshotFormat.encode(
                new SnapshotFormat.Parts("S", "binary", new byte[0], List.of())));

        assertThat(read.state()).isEmpty();
        assertThat(read.recent()).isEmpty();
    }

    @Test
    void refuses_bytes_without_the_mark_with_bytes_after_the_end_or_cut_short() {
        byte[] good = SnapshotFormat.encode(new SnapshotFormat.Parts("S", "json", bytes("1"), List.of()));
        byte[] rsn1 = good.clone();
        rsn1[3] = '1';
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        byte[] shorter = Arrays.copyOf(good, good.length - 1);

        assertThatThrownBy(() -> SnapshotFormat.decode(rsn1)).hasMessageContaining("snapshot format's mark");
        assertThatThrownBy(() -> SnapshotFormat.decode(longer)).hasMessage("it has bytes after its end");
        assertThatThrownBy(() -> SnapshotFormat.decode(shorter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("it is truncated or corrupt");
    }

    @Test
    void a_length_beyond_what_a_message_can_hold_is_corrupt_before_anything_is_allocated() throws IOException {
        assertThatThrownBy(() -> SnapshotFormat.decode(withStateLength(-1)))
                .hasMessage("it holds an impossible length -1");
        assertThatThrownBy(() -> SnapshotFormat.decode(withStateLength(64 * 1024 * 1024 + 1)))
                .hasMessage("it holds an impossible length 67108865");
        // the largest possible length is read (and found missing), not refused as impossible
        assertThatThrownBy(() -> SnapshotFormat.decode(withStateLength(64 * 1024 * 1024)))
                .hasMessageStartingWith("it is truncated or corrupt");
    }

    /** The start of a snapshot whose state says it is {@code length} bytes long, and no more. */
    private static byte[] withStateLength(int length) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF("S");
            out.writeUTF("json");
            out.writeInt(length);
        }
        return bytes.toByteArray();
    }
}
