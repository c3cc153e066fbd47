package io.rita.kmm.service;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on an embedded server's data directory, held while {@code kmm serve
 * --nats.embed} runs: two nats-servers on one store directory would corrupt it, and a second
 * one on another port would start happily. The operating system releases the lock when the
 * process ends, however it ends, so a crash leaves nothing to clean up.
 */
final class DataDirLock implements AutoCloseable {

    /** The lock file inside the data directory. */
    static final String FILE = ".kmm.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir}, creating it when missing.
     *
     * @throws KmmStartException when another process (or this one) holds it, or it cannot be written
     */
    static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new KmmStartException("the data directory " + dataDir + " is in use by another `kmm serve "
                        + "--nats.embed` (it holds " + file + "): use that one, or pick another --data-dir", null);
            }
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new KmmStartException("cannot lock the data directory " + dataDir + " (" + file + "): "
                    + e.getMessage(), e);
        }
    }

    /** Releases the lock; the file stays, empty, for the next start. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it as well
        }
        closeQuietly(channel);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
