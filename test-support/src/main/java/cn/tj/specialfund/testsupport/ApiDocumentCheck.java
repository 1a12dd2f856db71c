package cn.tj.specialfund.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares a service's OpenAPI document with what the service really maps and with the statuses the contract gives
 * each endpoint. Endpoints are named "METHOD /path/{variable}".
 */
public final class ApiDocumentCheck {

    private ApiDocumentCheck() {
    }

    /** Every API endpoint the service's controllers map (Spring MVC's own view of them). */
    public static Set<String> mapped(RequestMappingHandlerMapping mappings) {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m.name() + " " + pattern));
                }
            }
        }
        return endpoints;
    }

    /** The endpoints the document lists, with the statuses it gives each. */
    public static Map<String, Set<Integer>> documented(JsonNode document) {
        Map<String, Set<Integer>> endpoints = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            Set<Integer> statuses = new TreeSet<>();
            op.getValue().path("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
            endpoints.put(op.getKey().toUpperCase() + " " + path.getKey(), statuses);
        }));
        return endpoints;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper EXACT = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // keeps 6000000.00 as written instead of normalising it to 6E+6
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    /**
     * The names of the properties that the document types as decimals with at most two decimals (Money and
     * BigDecimal), except the score (0–100) and the tiers' rate, which are not amounts, and names that are
     * integers elsewhere (a direction's {@code cap} counts projects, a tier's is an amount).
     */
    public static Set<String> amountProperties(JsonNode document) {
        Set<String> names = new TreeSet<>();
        Set<String> integers = new TreeSet<>();
        document.path("components").path("schemas").forEach(schema ->
                schema.path("properties").fields().forEachRemaining(property -> {
                    JsonNode type = property.getValue();
                    if ("number".equals(type.path("type").asText()) && type.has("multipleOf")) {
                        names.add(property.getKey());
                    } else if ("integer".equals(type.path("type").asText())) {
                        integers.add(property.getKey());
                    }
                }));
        names.removeAll(Set.of("score", "rate"));
        names.removeAll(integers);
        return names;
    }

    /**
     * Every amount in a JSON answer is a JSON number with exactly two decimals (one money format in every answer),
     * at any depth, including the values of maps of amounts (byTier). Returns how many amounts it saw.
     */
    public static int assertAmountsHaveTwoDecimals(String json, Set<String> amountProperties) {
        try {
            return amounts(EXACT.readTree(json), null, amountProperties, json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static int amounts(JsonNode node, String name, Set<String> amountProperties, String json) {
        int seen = 0;
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                // the values of byTier are amounts keyed by tier
                String inner = "byTier".equals(name) ? "byTier" : field.getKey();
                seen += amounts(field.getValue(), inner, amountProperties, json);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                seen += amounts(element, name, amountProperties, json);
            }
        } else if (name != null && (amountProperties.contains(name) || "byTier".equals(name)) && node.isNumber()) {
            // a name may be an amount in one answer and a code in another ("district"): numbers are checked
            assertThat(node.isBigDecimal() && node.decimalValue().scale() == 2)
                    .as("%s = %s is a number with two decimals in %s", name, node, json).isTrue();
            seen++;
        }
        return seen;
    }

    /** Every {@code $ref} of the document names a schema it holds (Swagger UI reports any other as an error). */
    private static void assertReferencesResolve(JsonNode document, JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String name = ref.asText().substring(ref.asText().lastIndexOf('/') + 1);
                assertThat(document.path("components").path("schemas").has(name)).as("%s resolves", ref.asText()).isTrue();
            }
            node.elements().forEachRemaining(child -> assertReferencesResolve(document, child));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> assertReferencesResolve(document, child));
        }
    }

    /** The operation of one endpoint ("POST /api/applications"). */
    public static JsonNode operation(JsonNode document, String endpoint) {
        String[] parts = endpoint.split(" ", 2);
        return document.path("paths").path(parts[1]).path(parts[0].toLowerCase());
    }

    /** The {@code code} values a problem response of an endpoint enumerates. */
    public static Set<String> codes(JsonNode document, String endpoint, int status) {
        JsonNode schema = operation(document, endpoint).path("responses").path(String.valueOf(status))
                .path("content").path("application/problem+json").path("schema");
        Set<String> codes = new TreeSet<>();
        for (JsonNode part : schema.path("allOf")) {
            part.path("properties").path("code").path("enum").forEach(code -> codes.add(code.asText()));
        }
        return codes;
    }

    /**
     * The document lists exactly the mapped endpoints; each has the statuses the contract gives it, a summary, its
     * roles, Basic security, and every problem status enumerates at least one code.
     */
    public static void assertTellsTheTruth(JsonNode document, Set<String> mapped, Map<String, Set<Integer>> contract) {
        Map<String, Set<Integer>> documented = documented(document);
        assertThat(document.path("openapi").asText()).startsWith("3.1");
        assertReferencesResolve(document, document);
        assertThat(documented.keySet()).as("endpoints in the document vs. mapped by the service")
                .containsExactlyInAnyOrderElementsOf(mapped);
        assertThat(contract.keySet()).as("endpoints the contract gives this service vs. mapped")
                .containsExactlyInAnyOrderElementsOf(mapped);
        for (String endpoint : mapped) {
            assertThat(documented.get(endpoint)).as("statuses of %s", endpoint)
                    .containsExactlyInAnyOrderElementsOf(contract.get(endpoint));
            JsonNode operation = operation(document, endpoint);
            assertThat(operation.path("summary").asText()).as("summary of %s", endpoint).isNotBlank();
            assertThat(operation.path("x-roles").isArray() && !operation.path("x-roles").isEmpty())
                    .as("roles of %s", endpoint).isTrue();
            assertThat(operation.path("security").toString()).as("security of %s", endpoint).contains("basicAuth");
            for (int status : documented.get(endpoint)) {
                if (status >= 400) {
                    assertThat(codes(document, endpoint, status)).as("codes of %s %d", endpoint, status).isNotEmpty();
                }
            }
            if (endpoint.startsWith("POST") && operation.has("requestBody")) {
                Iterator<JsonNode> media = operation.path("requestBody").path("content").elements();
                assertThat(media.hasNext() && media.next().has("example")).as("example of %s", endpoint).isTrue();
            }
        }
    }
}
