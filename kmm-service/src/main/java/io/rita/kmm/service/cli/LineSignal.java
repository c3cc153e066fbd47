package io.rita.kmm.service.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.CountDownLatch;

/** Passes text through to a writer and counts down a latch at the first line break. */
final class LineSignal extends Writer {

    private final PrintWriter target;
    private final CountDownLatch firstLine;

    LineSignal(PrintWriter target, CountDownLatch firstLine) {
        this.target = target;
        this.firstLine = firstLine;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        target.write(buffer, offset, length);
        for (int i = offset; i < offset + length; i++) {
            if (buffer[i] == '\n') {
                target.flush();
                firstLine.countDown();
                break;
            }
        }
    }

    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
