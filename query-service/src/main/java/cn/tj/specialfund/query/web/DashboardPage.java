package cn.tj.specialfund.query.web;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's page and its assets. Every asset (scripts, style sheet, the 1.1 MB ECharts) is served under
 * {@code /assets/<hash>/…}, the hash being over the content of all of them, and may be cached for a year:
 * a new build has a new hash, so a browser never runs a stale script. The page itself names the current
 * hash and is revalidated on every load. The ES modules import each other by relative paths, so they stay
 * under the same versioned prefix without being rewritten.
 */
@Controller
public class DashboardPage implements WebMvcConfigurer {

    private static final String STATIC = "static/";
    private static final String PAGE = "index.html";
    private static final String PLACEHOLDER = "${assets}";

    private final String assets;
    private final byte[] page;

    DashboardPage(ResourcePatternResolver resources) throws IOException {
        Map<String, Resource> files = new TreeMap<>();
        for (Resource resource : resources.getResources("classpath*:/" + STATIC + "**")) {
            String url = resource.getURL().toString();
            if (resource.isReadable() && !url.endsWith("/")) {
                files.putIfAbsent(url.substring(url.lastIndexOf("/" + STATIC) + STATIC.length() + 1), resource);
            }
        }
        Resource template = files.remove(PAGE);
        if (template == null) {
            throw new IllegalStateException("no " + STATIC + PAGE + " on the classpath");
        }
        this.assets = "/assets/" + contentHash(files);
        this.page = new String(template.getContentAsByteArray(), StandardCharsets.UTF_8)
                .replace(PLACEHOLDER, assets).getBytes(StandardCharsets.UTF_8);
    }

    @GetMapping({"/", "/" + PAGE})
    ResponseEntity<byte[]> page() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_LANGUAGE, "zh-CN")
                .cacheControl(CacheControl.noCache())
                .body(page);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(assets + "/**")
                .addResourceLocations("classpath:/" + STATIC)
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    private static String contentHash(Map<String, Resource> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, Resource> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                try (InputStream in = file.getValue().getInputStream()) {
                    digest.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
