package io.rita.service;

import io.rita.eventstore.Subjects;

import java.util.function.Function;

/** Applies a route's subject function to a request, turning every way it can go wrong into a 400. */
final class RouteSubjects {

    private RouteSubjects() {
    }

    /**
     * The subject a route computes for {@code input}: concrete for commands (an append needs
     * one), a subject or filter for queries and streams.
     *
     * @throws BadRequestException when the function refuses the input or returns an unusable subject
     */
    static <T> String resolve(Function<? super T, String> subjectOf, T input, boolean concrete,
                              BadRequestException.Part part) {
        String subject;
        try {
            subject = subjectOf.apply(input);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(part, e.getMessage());
        }
        if (concrete ? !Subjects.isConcrete(subject) : !Subjects.isFilter(subject)) {
            throw new BadRequestException(part, "request leads to an invalid " + (concrete ? "aggregate " : "")
                    + "subject '" + subject + "'");
        }
        return subject;
    }
}
