package uk.gov.london.vru.common;

import java.util.List;

/** Thrown by services to answer with a problem document; the single {@link ProblemMapper} renders it. */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final transient List<FieldError> errors;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiProblem(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(ProblemType.NOT_FOUND, detail);
    }

    public static ApiProblem invalid(String detail, List<FieldError> errors) {
        return new ApiProblem(ProblemType.VALIDATION, detail, errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
