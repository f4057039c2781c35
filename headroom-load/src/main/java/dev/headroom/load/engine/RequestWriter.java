package dev.headroom.load.engine;

import dev.headroom.load.scenario.HeadSafety;
import dev.headroom.load.scenario.RequestSpec;
import dev.headroom.load.template.Draw;
import dev.headroom.load.template.Template;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes one request of the mix to one target as HTTP/1.1 bytes, or as HTTP/2 headers and a body.
 * The tag header and the Host header (HTTP/2: {@code :authority}) are always there. A request
 * without placeholders is encoded once and every send writes a view of the same bytes; one with
 * placeholders is rendered per send from the loop's feeder draw.
 */
final class RequestWriter {
    private final boolean head;
    private final String requestLinePrefix;
    private final String basePath;
    private final Template path;
    private final String fixedHeaders;
    private final List<Map.Entry<String, Template>> dynamicHeaders = new ArrayList<>();
    private final Template body;
    private final ByteBuf constant;
    /**
     * For a journey step without placeholders: its request line and fixed headers, its path, and
     * what follows the Cookie header (Content-Length, the blank line, the body), encoded once; a
     * send writes them around the session's cookies. Null when the request has placeholders.
     */
    private final byte[] stepHead;

    private final String stepPath;
    private final byte[] stepTail;
    private final String cookieHost;
    private final boolean secure;
    /** HTTP/2 names are lower case (RFC 9113 section 8.2.1); these HTTP/1.1 headers have no place in it. */
    private static final Set<String> CONNECTION_HEADERS =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host");

    private final AsciiString h2Method;
    private final AsciiString h2Scheme;
    private final AsciiString h2Authority;
    private final List<AsciiString[]> h2Fixed = new ArrayList<>();
    private final H2Request h2Constant;

    /** An HTTP/2 request: its headers and its body ({@link Unpooled#EMPTY_BUFFER} when it has none). */
    record H2Request(Http2Headers headers, ByteBuf body) {}

    RequestWriter(RequestSpec spec, URI target, String tagHeader, String runTag) {
        this.head = spec.method().equals("HEAD");
        this.requestLinePrefix = spec.method() + " ";
        String base = target.getRawPath() == null ? "" : target.getRawPath();
        this.basePath = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.path = spec.path();
        String host = target.getHost();
        this.cookieHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        this.secure = "https".equalsIgnoreCase(target.getScheme());
        StringBuilder h = new StringBuilder();
        h.append("Host: ").append(hostHeader(target)).append("\r\n");
        h.append("User-Agent: headroom-load\r\n");
        h.append(tagHeader).append(": ").append(runTag).append("\r\n");
        for (Map.Entry<String, Template> e : spec.headers().entrySet()) {
            if (e.getValue().isConstant()) {
                h.append(e.getKey()).append(": ");
                render(e.getValue(), null, h);
                h.append("\r\n");
            } else {
                dynamicHeaders.add(e);
            }
        }
        this.fixedHeaders = h.toString();
        this.h2Method = AsciiString.cached(spec.method());
        this.h2Scheme = AsciiString.cached(secure ? "https" : "http");
        String authority = hostHeader(target);
        h2Fixed.add(new AsciiString[] {AsciiString.cached("user-agent"), AsciiString.cached("headroom-load")});
        h2Fixed.add(
                new AsciiString[] {AsciiString.cached(tagHeader.toLowerCase(Locale.ROOT)), AsciiString.cached(runTag)});
        for (Map.Entry<String, Template> e : spec.headers().entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (e.getValue().isConstant()) {
                StringBuilder v = new StringBuilder();
                render(e.getValue(), null, v);
                if (name.equals("host")) {
                    authority = v.toString();
                } else if (!CONNECTION_HEADERS.contains(name)) {
                    h2Fixed.add(new AsciiString[] {AsciiString.cached(name), new AsciiString(v)});
                }
            }
        }
        this.h2Authority = new AsciiString(authority);
        this.body = spec.body().orElse(null);
        boolean isConstant = path.isConstant() && dynamicHeaders.isEmpty() && (body == null || body.isConstant());
        this.constant = isConstant
                ? Unpooled.unreleasableBuffer(encode(head(null, null), null, Unpooled.directBuffer(256)))
                : null;
        this.h2Constant = isConstant ? h2Request(null, null, Unpooled.buffer(0)) : null;
        if (isConstant) {
            StringBuilder line = head(null, null);
            this.stepHead = line.toString().getBytes(StandardCharsets.UTF_8);
            this.stepPath = line.substring(requestLinePrefix.length(), line.indexOf(" HTTP/1.1\r\n"));
            ByteBuf tail = encode(new StringBuilder(), null, Unpooled.buffer(64));
            this.stepTail = new byte[tail.readableBytes()];
            tail.readBytes(stepTail);
        } else {
            this.stepHead = null;
            this.stepPath = null;
            this.stepTail = null;
        }
    }

    /**
     * The HTTP/2 form of {@link #write(ByteBufAllocator, Draw, Session)} ({@code session} null for
     * a request of the mix): the same path, headers (names in lower case), cookies and body, or
     * null when a filled-in value is unsafe. The caller owns the body.
     */
    H2Request h2(ByteBufAllocator alloc, Draw draw, Session session) {
        if (h2Constant != null && session == null) {
            ByteBuf body = h2Constant.body();
            return body.isReadable() ? new H2Request(h2Constant.headers(), body.duplicate()) : h2Constant;
        }
        return h2Request(draw, session, alloc.buffer(0));
    }

    private H2Request h2Request(Draw draw, Session session, ByteBuf out) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(basePath);
        if (!renderSafely(path, draw, sb, HeadSafety.REQUEST_LINE)) {
            out.release();
            return null;
        }
        String requestPath = sb.toString();
        Http2Headers h = new DefaultHttp2Headers(false, h2Fixed.size() + dynamicHeaders.size() + 6);
        h.method(h2Method).scheme(h2Scheme).authority(h2Authority).path(requestPath);
        for (AsciiString[] kv : h2Fixed) {
            h.add(kv[0], kv[1]);
        }
        if (session != null) {
            session.lastPath = requestPath;
            String cookies = session.jar.header(cookieHost, requestPath, secure, System.currentTimeMillis());
            if (!cookies.isEmpty()) {
                h.add(COOKIE, cookies);
            }
        }
        for (Map.Entry<String, Template> e : dynamicHeaders) {
            sb.setLength(0);
            if (!renderSafely(e.getValue(), draw, sb, HeadSafety.HEADER)) {
                out.release();
                return null;
            }
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("host")) {
                h.authority(sb.toString());
            } else if (!CONNECTION_HEADERS.contains(name)) {
                h.add(name, sb.toString());
            }
        }
        if (body != null) {
            StringBuilder b = new StringBuilder();
            render(body, draw, b);
            out.writeCharSequence(b, StandardCharsets.UTF_8);
            h.addInt(CONTENT_LENGTH, out.readableBytes());
        }
        if (draw == null && session == null) {
            // The constant request: its body is shared by every send, so it is never freed.
            out = out.isReadable() ? Unpooled.unreleasableBuffer(out) : Unpooled.EMPTY_BUFFER;
        } else if (!out.isReadable()) {
            out.release();
            out = Unpooled.EMPTY_BUFFER;
        }
        return new H2Request(h, out);
    }

    private static final AsciiString COOKIE = AsciiString.cached("cookie");
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");

    boolean isHead() {
        return head;
    }

    /**
     * The bytes of one request; the caller writes them (and the channel releases them). Null when
     * a feeder's value would put a line break into a header or a space into the request line: such
     * a request is never sent (error {@code unsafe-value}).
     */
    ByteBuf write(ByteBufAllocator alloc, Draw draw) {
        if (constant != null) {
            return constant.duplicate();
        }
        StringBuilder head = head(draw, null);
        if (head == null) {
            return null;
        }
        return encode(head, draw, alloc.buffer(256));
    }

    /**
     * A journey step's bytes: as {@link #write(ByteBufAllocator, Draw)}, with the session's cookies
     * for this request's host and path (RFC 6265 section 5.4) in a Cookie header; the request
     * path goes to {@code session.lastPath}, which a Set-Cookie in the response is stored against.
     */
    ByteBuf write(ByteBufAllocator alloc, Draw draw, Session session) {
        if (stepHead != null) {
            session.lastPath = stepPath;
            String cookies = session.jar.header(cookieHost, stepPath, secure, System.currentTimeMillis());
            ByteBuf out =
                    alloc.buffer(stepHead.length + stepTail.length + (cookies.isEmpty() ? 0 : cookies.length() + 10));
            out.writeBytes(stepHead);
            if (!cookies.isEmpty()) {
                out.writeCharSequence("Cookie: ", StandardCharsets.US_ASCII);
                out.writeCharSequence(cookies, StandardCharsets.UTF_8);
                out.writeCharSequence("\r\n", StandardCharsets.US_ASCII);
            }
            return out.writeBytes(stepTail);
        }
        StringBuilder head = head(draw, session);
        if (head == null) {
            return null;
        }
        return encode(head, draw, alloc.buffer(256));
    }

    String cookieHost() {
        return cookieHost;
    }

    boolean secure() {
        return secure;
    }

    /** The request line and headers, or null when a filled-in value is unsafe in the head. */
    private StringBuilder head(Draw draw, Session session) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(requestLinePrefix);
        int pathFrom = sb.length();
        sb.append(basePath);
        if (!renderSafely(path, draw, sb, HeadSafety.REQUEST_LINE)) {
            return null;
        }
        int pathTo = sb.length();
        sb.append(" HTTP/1.1\r\n").append(fixedHeaders);
        if (session != null) {
            session.lastPath = sb.substring(pathFrom, pathTo);
            String cookies = session.jar.header(cookieHost, session.lastPath, secure, System.currentTimeMillis());
            if (!cookies.isEmpty()) {
                sb.append("Cookie: ").append(cookies).append("\r\n");
            }
        }
        for (Map.Entry<String, Template> e : dynamicHeaders) {
            sb.append(e.getKey()).append(": ");
            if (!renderSafely(e.getValue(), draw, sb, HeadSafety.HEADER)) {
                return null;
            }
            sb.append("\r\n");
        }
        return sb;
    }

    private static boolean renderSafely(Template t, Draw draw, StringBuilder sb, HeadSafety where) {
        int from = sb.length();
        render(t, draw, sb);
        return where.firstUnsafe(sb, from) < 0;
    }

    private ByteBuf encode(StringBuilder sb, Draw draw, ByteBuf out) {
        byte[] payload = null;
        if (body != null) {
            StringBuilder b = new StringBuilder();
            render(body, draw, b);
            payload = b.toString().getBytes(StandardCharsets.UTF_8);
            sb.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        sb.append("\r\n");
        out.writeCharSequence(sb, StandardCharsets.UTF_8);
        if (payload != null) {
            out.writeBytes(payload);
        }
        return out;
    }

    private static void render(Template t, Draw draw, StringBuilder sb) {
        if (draw == null) {
            for (Template.Part p : t.parts()) {
                sb.append(p instanceof Template.Secret e ? e.value() : ((Template.Literal) p).text());
            }
        } else {
            t.render(draw, sb);
        }
    }

    static String hostHeader(URI target) {
        int port = target.getPort();
        boolean defaultPort = port < 0
                || (port == 80 && "http".equalsIgnoreCase(target.getScheme()))
                || (port == 443 && "https".equalsIgnoreCase(target.getScheme()));
        return defaultPort ? target.getHost() : target.getHost() + ":" + port;
    }
}
