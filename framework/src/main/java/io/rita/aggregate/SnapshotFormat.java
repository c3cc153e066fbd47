package io.rita.aggregate;

import io.rita.types.Encoded;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a snapshot as the engine writes them: the state's type and codec, the encoded
 * state, and the aggregate's recent commands with their events (encoded through the type
 * registry, as they are stored). A small binary framing rather than JSON, so that any state
 * codec (JSON, binary, a user's) is carried as it is.
 *
 * <pre>
 * int magic "RSN2" | UTF state type | UTF codec | int n, n bytes of state
 * int commands | per command: UTF id | long sequence | int events | per event: UTF type | int version | UTF codec | int n, n bytes
 * </pre>
 */
final class SnapshotFormat {

    /** "RSN2": events carry their type's version since schema evolution; an "RSN1" snapshot is ignored and rebuilt. */
    private static final int MAGIC = 0x52534e32;
    /** No part of a snapshot is larger than a NATS message can be; a longer length means corrupt bytes. */
    private static final int MAX_PART = 64 * 1024 * 1024;

    /** A recent command as it travels: its id, its sequence, its events encoded. */
    record Command(String id, long sequence, List<Encoded> events) {
    }

    /** A snapshot's parts. */
    record Parts(String stateType, String codec, byte[] state, List<Command> recent) {
    }

    private SnapshotFormat() {
    }

    static byte[] encode(Parts parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(parts.state().length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(parts.stateType());
            out.writeUTF(parts.codec());
            write(out, parts.state());
            out.writeInt(parts.recent().size());
            for (Command command : parts.recent()) {
                out.writeUTF(command.id());
                out.writeLong(command.sequence());
                out.writeInt(command.events().size());
                for (Encoded event : command.events()) {
                    out.writeUTF(event.type());
                    out.writeInt(event.version());
                    out.writeUTF(event.codec());
                    write(out, event.data());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The parts of a snapshot.
     *
     * @throws IllegalArgumentException when the bytes are not a snapshot of this format (corrupt, truncated)
     */
    static Parts decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("it does not start with the snapshot format's mark");
            }
            String stateType = in.readUTF();
            String codec = in.readUTF();
            byte[] state = read(in);
            int commands = count(in.readInt());
            List<Command> recent = new ArrayList<>(Math.min(commands, 1024));
            for (int i = 0; i < commands; i++) {
                String id = in.readUTF();
                long sequence = in.readLong();
                int events = count(in.readInt());
                List<Encoded> encoded = new ArrayList<>(Math.min(events, 1024));
                for (int j = 0; j < events; j++) {
                    encoded.add(new Encoded(in.readUTF(), in.readInt(), in.readUTF(), read(in)));
                }
                recent.add(new Command(id, sequence, encoded));
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("it has bytes after its end");
            }
            return new Parts(stateType, codec, state, recent);
        } catch (IOException e) {
            throw new IllegalArgumentException("it is truncated or corrupt (" + e + ")", e);
        }
    }

    private static void write(DataOutputStream out, byte[] part) throws IOException {
        out.writeInt(part.length);
        out.write(part);
    }

    private static byte[] read(DataInputStream in) throws IOException {
        byte[] part = new byte[count(in.readInt())];
        in.readFully(part);
        return part;
    }

    private static int count(int n) {
        if (n < 0 || n > MAX_PART) {
            throw new IllegalArgumentException("it holds an impossible length " + n);
        }
        return n;
    }
}
