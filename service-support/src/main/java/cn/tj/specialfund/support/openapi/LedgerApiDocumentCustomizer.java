package cn.tj.specialfund.support.openapi;

import cn.tj.specialfund.coreapi.value.Role;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the {@link EndpointDoc}s of every {@link ApiDocs} bean into the document springdoc generates from the
 * controllers: summary, roles (in the description, as {@code x-roles} and as the Basic security requirement),
 * the success status, one problem response per status with its {@code code} values enumerated, the example
 * request. An endpoint the code maps but no entry describes stays bare, and the document's test names it.
 */
class LedgerApiDocumentCustomizer implements GlobalOpenApiCustomizer {

    static final String BASIC_AUTH = "basicAuth";
    static final String PROBLEM_SCHEMA = "Problem";

    private final Map<String, EndpointDoc> docs;
    private final ObjectMapper json = new ObjectMapper();

    LedgerApiDocumentCustomizer(List<ApiDocs> apiDocs) {
        this.docs = new LinkedHashMap<>();
        apiDocs.stream().flatMap(d -> d.endpoints().stream()).forEach(doc -> docs.put(doc.key(), doc));
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        // added here rather than on the base document, which springdoc prunes of schemas no controller names
        if (openApi.getComponents() == null) {
            openApi.setComponents(new io.swagger.v3.oas.models.Components());
        }
        openApi.getComponents().addSchemas(PROBLEM_SCHEMA, ApiDocumentConfiguration.problem());
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            EndpointDoc doc = docs.get(method.name() + " " + path);
            if (doc != null) {
                apply(doc, operation);
                if (doc.responseType() != null) {
                    describeAnswer(openApi, doc, operation.getResponses().get(String.valueOf(doc.successStatus())));
                }
            }
        }));
    }

    private void apply(EndpointDoc doc, Operation operation) {
        operation.setSummary(doc.summary());
        operation.setDescription(description(doc));
        operation.addExtension("x-roles", doc.roles().isEmpty() ? List.of("ANY_AUTHENTICATED")
                : doc.roles().stream().map(Role::name).toList());
        operation.setSecurity(List.of(new SecurityRequirement().addList(BASIC_AUTH)));
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                String example = doc.exampleQuery().get(parameter.getName());
                if (example != null) {
                    parameter.setExample(example);
                }
                if ("path".equals(parameter.getIn()) && parameter.getDescription() == null) {
                    parameter.setDescription("id".equals(parameter.getName()) ? "申报编号（UUID）"
                            : "disbursementId".equals(parameter.getName()) ? "拨付编号（UUID）" : null);
                }
            }
        }
        if (doc.exampleBody() != null && operation.getRequestBody() != null
                && operation.getRequestBody().getContent() != null) {
            Object example = parse(doc);
            operation.getRequestBody().setRequired(true);
            operation.getRequestBody().getContent().values().forEach(media -> media.setExample(example));
        }
        operation.setResponses(responses(doc, operation.getResponses()));
    }

    /** The JSON answer of an endpoint whose signature does not name it (it streams, or answers CSV too). */
    private static void describeAnswer(OpenAPI openApi, EndpointDoc doc, ApiResponse success) {
        Map<String, Schema> schemas = io.swagger.v3.core.converter.ModelConverters.getInstance(true)
                .readAll(new io.swagger.v3.core.converter.AnnotatedType(doc.responseType()));
        schemas.forEach(openApi.getComponents()::addSchemas);
        io.swagger.v3.core.converter.ResolvedSchema resolved = io.swagger.v3.core.converter.ModelConverters
                .getInstance(true).resolveAsResolvedSchema(new io.swagger.v3.core.converter.AnnotatedType(doc.responseType()));
        String name = resolved.schema.getName();
        Content content = success.getContent() == null ? new Content() : success.getContent();
        content.remove("*/*");
        content.addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, new MediaType()
                .schema(new Schema<>().$ref("#/components/schemas/" + name).specVersion(io.swagger.v3.oas.models.SpecVersion.V31)));
        success.setContent(content);
    }

    private ApiResponses responses(EndpointDoc doc, ApiResponses generated) {
        ApiResponses responses = new ApiResponses();
        ApiResponse success = generated == null ? null : generated.get(String.valueOf(doc.successStatus()));
        if (success == null && generated != null) {
            success = generated.get("200");
        }
        if (success == null) {
            success = new ApiResponse();
        }
        success.setDescription(doc.successDescription());
        for (String produced : doc.produces()) {
            if (success.getContent() == null) {
                success.setContent(new Content());
            }
            success.getContent().addMediaType(produced, new MediaType().schema(Schemas.string()));
        }
        if (doc.successStatus() == 204) {
            success.setContent(null);
        }
        responses.addApiResponse(String.valueOf(doc.successStatus()), success);
        doc.codesByStatus().forEach((status, codes) ->
                responses.addApiResponse(String.valueOf(status), problem(status, codes)));
        return responses;
    }

    private static ApiResponse problem(int status, List<EndpointDoc.ProblemCode> codes) {
        Schema<Object> code = Schemas.string();
        code.setEnum(new ArrayList<>(codes.stream().map(EndpointDoc.ProblemCode::code).toList()));
        Schema<Object> narrowed = Schemas.object();
        narrowed.addProperty("code", code);
        Schema<Object> schema = new Schema<>();
        schema.setSpecVersion(io.swagger.v3.oas.models.SpecVersion.V31);
        schema.setAllOf(new ArrayList<>(List.of(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)
                .specVersion(io.swagger.v3.oas.models.SpecVersion.V31), narrowed)));
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:special-fund:problem:" + codes.get(0).code().toLowerCase().replace('_', '-'));
        example.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
        example.put("status", status);
        example.put("detail", codes.get(0).meaning());
        example.put("code", codes.get(0).code());
        String description = codes.stream()
                .map(c -> "`" + c.code() + "`：" + c.meaning())
                .collect(Collectors.joining("；"));
        ApiResponse response = new ApiResponse().description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(schema).example(example)));
        if (status == 429) {
            response.addHeaderObject("Retry-After", new io.swagger.v3.oas.models.headers.Header()
                    .description("几秒后可再次尝试").schema(Schemas.integer()));
        }
        return response;
    }

    private static String description(EndpointDoc doc) {
        StringBuilder text = new StringBuilder();
        if (!doc.description().isBlank()) {
            text.append(doc.description().strip()).append("\n\n");
        }
        text.append("**角色**：");
        if (doc.roles().isEmpty()) {
            text.append("任何已登录用户（监控采集账号 METRICS 除外）");
        } else {
            text.append(doc.roles().stream().map(r -> r.name() + "（" + r.displayName() + "）")
                    .collect(Collectors.joining("、")));
        }
        if (doc.rolesNote() != null) {
            text.append("；").append(doc.rolesNote());
        }
        text.append("\n\n**问题代码**（application/problem+json 的 `code`）：");
        doc.codesByStatus().forEach((status, codes) -> text.append("\n- ").append(status).append("：")
                .append(codes.stream().map(EndpointDoc.ProblemCode::code).collect(Collectors.joining("、"))));
        return text.toString();
    }

    private Object parse(EndpointDoc doc) {
        try {
            return json.readValue(doc.exampleBody(), Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the example of " + doc.key() + " is not JSON", e);
        }
    }
}
