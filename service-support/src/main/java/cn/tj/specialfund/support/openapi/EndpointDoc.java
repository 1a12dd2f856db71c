package cn.tj.specialfund.support.openapi;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.value.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the API document says about one endpoint beyond what the code's types tell springdoc: who may call it,
 * its success status, every problem {@code code} it can answer, and one example request. The entries live next
 * to the controllers they describe (an {@link ApiDocs} bean per service); {@link LedgerApiDocumentCustomizer}
 * writes them into the generated document.
 *
 * @param roles          the roles that may call it; empty: any authenticated user of the API
 * @param rolesNote      the rule in words where it is finer than the roles (a district officer of that district)
 * @param problems       the codes it can answer besides those every call can (see {@link #codes})
 * @param exampleBody    one request body (JSON) that the service accepts, or null
 * @param exampleQuery   example values of query parameters (name → value), for the document's parameters
 * @param produces       media types of the success answer besides JSON (text/csv, text/plain, …)
 * @param responseType   the type of the JSON answer where the controller's signature does not name it, or null
 */
public record EndpointDoc(String method, String path, String summary, String description, Set<Role> roles,
                          String rolesNote, int successStatus, String successDescription, List<ProblemCode> problems,
                          String exampleBody, Map<String, String> exampleQuery, List<String> produces,
                          Class<?> responseType) {

    /** A problem {@code code} the endpoint answers with, its status and what it means. */
    public record ProblemCode(String code, int status, String meaning) {
        static ProblemCode of(ErrorCode code) {
            return new ProblemCode(code.name(), code.httpStatus(), ProblemCodes.meaning(code));
        }
    }

    public EndpointDoc {
        Objects.requireNonNull(method);
        Objects.requireNonNull(path);
        // in the roles' declaration order
        roles = roles.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(roles));
        problems = List.copyOf(problems);
        exampleQuery = Map.copyOf(exampleQuery);
        produces = List.copyOf(produces);
    }

    public static Builder get(String path) {
        return new Builder("GET", path);
    }

    public static Builder post(String path) {
        return new Builder("POST", path);
    }

    /** "GET /api/reference": how endpoints are named in the document's checks and in messages. */
    public String key() {
        return method + " " + path;
    }

    /**
     * Every code the endpoint can answer, in the order the checks run (§4): the throttle (429), authentication
     * (401), the body's size (413) and form (400) for a call with a body, then the endpoint's own; 403 for every
     * call, since the scrape account ({@code METRICS}) is refused every API call.
     */
    public List<ProblemCode> codes() {
        Set<ErrorCode> common = EnumSet.of(ErrorCode.TOO_MANY_ATTEMPTS, ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN);
        if (exampleBody != null) {
            common.add(ErrorCode.PAYLOAD_TOO_LARGE);
            common.add(ErrorCode.INVALID_FIELD);
        }
        Map<String, ProblemCode> codes = new LinkedHashMap<>();
        common.forEach(code -> codes.put(code.name(), ProblemCode.of(code)));
        problems.forEach(code -> codes.putIfAbsent(code.code(), code));
        return new ArrayList<>(codes.values());
    }

    /** The codes grouped by HTTP status, statuses ascending. */
    public Map<Integer, List<ProblemCode>> codesByStatus() {
        Map<Integer, List<ProblemCode>> byStatus = new java.util.TreeMap<>();
        for (ProblemCode code : codes()) {
            byStatus.computeIfAbsent(code.status(), s -> new ArrayList<>()).add(code);
        }
        return byStatus;
    }

    public static final class Builder {
        private final String method;
        private final String path;
        private String summary = "";
        private String description = "";
        private final Set<Role> roles = EnumSet.noneOf(Role.class);
        private String rolesNote;
        private int successStatus = 200;
        private String successDescription = "成功";
        private final List<ProblemCode> problems = new ArrayList<>();
        private Class<?> responseType;
        private String exampleBody;
        private final Map<String, String> exampleQuery = new LinkedHashMap<>();
        private final List<String> produces = new ArrayList<>();

        private Builder(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder roles(Role... roles) {
            this.roles.addAll(Arrays.asList(roles));
            return this;
        }

        public Builder rolesNote(String rolesNote) {
            this.rolesNote = rolesNote;
            return this;
        }

        public Builder success(int status, String description) {
            this.successStatus = status;
            this.successDescription = description;
            return this;
        }

        public Builder problems(ErrorCode... codes) {
            Arrays.stream(codes).map(ProblemCode::of).forEach(problems::add);
            return this;
        }

        /** A code outside {@link ErrorCode}, answered by one endpoint only. */
        public Builder problem(int status, String code, String meaning) {
            problems.add(new ProblemCode(code, status, meaning));
            return this;
        }

        public Builder responseType(Class<?> responseType) {
            this.responseType = responseType;
            return this;
        }

        public Builder body(String exampleBody) {
            this.exampleBody = exampleBody;
            return this;
        }

        public Builder query(String name, String exampleValue) {
            this.exampleQuery.put(name, exampleValue);
            return this;
        }

        public Builder produces(String... mediaTypes) {
            this.produces.addAll(Arrays.asList(mediaTypes));
            return this;
        }

        public EndpointDoc build() {
            return new EndpointDoc(method, path, summary, description, roles, rolesNote, successStatus,
                    successDescription, problems, exampleBody, exampleQuery, produces, responseType);
        }
    }
}
